using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Acceldata;

// Wire shapes of the ADOC admin API; property names follow its JSON (camelCase through the web defaults).

internal sealed class AcceldataUserDto
{
    [JsonConverter(typeof(LenientTextConverter))]
    public string? UserId { get; set; }
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Email { get; set; }
    [JsonConverter(typeof(LenientTextConverter))]
    public string? FirstName { get; set; }
    [JsonConverter(typeof(LenientTextConverter))]
    public string? LastName { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public LenientFlag Enabled { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public LenientFlag IsEmailVerified { get; set; }
    /// <summary>Kept as sent: read leniently for display, and written back untouched where a change leaves it alone.</summary>
    public JsonElement? Attributes { get; set; }
    public List<JsonElement>? Groups { get; set; }
    public List<JsonElement>? Roles { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public LenientFlag ScimManaged { get; set; }
    [JsonConverter(typeof(LenientLongConverter))]
    public long? CreatedOn { get; set; }
    /// <summary>Any value at all: a sign-in time the client cannot read is still a sign-in.</summary>
    public JsonElement? LastAccessOn { get; set; }
}

internal sealed class AcceldataGroupDto
{
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Id { get; set; }
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Name { get; set; }
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Description { get; set; }
    [JsonConverter(typeof(LenientLongConverter))]
    public long? MembersCount { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public LenientFlag ScimManaged { get; set; }
    [JsonConverter(typeof(LenientLongConverter))]
    public long? CreatedAt { get; set; }
}

/// <summary>A group as its own endpoint answers it (GroupDetails); of its members only the ids are read.</summary>
internal sealed class AcceldataGroupDetailsDto
{
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Id { get; set; }
    public List<AcceldataMemberDto>? Members { get; set; }
}

internal sealed class AcceldataMemberDto
{
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Id { get; set; }
}

/// <summary>A page's counts; any may be missing or unreadable, and then paging ends at a short page.</summary>
internal sealed class AcceldataPageMeta
{
    [JsonConverter(typeof(LenientLongConverter))]
    public long? Page { get; set; }
    [JsonConverter(typeof(LenientLongConverter))]
    public long? Size { get; set; }
    [JsonConverter(typeof(LenientLongConverter))]
    public long? Total { get; set; }

    /// <summary>
    /// The total, where it can be true of a page of <paramref name="count"/> items from <paramref name="offset"/>:
    /// a negative total, or one smaller than the items already sent, says nothing, and is not let end the reading.
    /// </summary>
    public int? PlausibleTotal(int offset, int count) =>
        Total is { } total && total >= offset + count ? (int)Math.Min(total, int.MaxValue) : null;
}

internal sealed class AcceldataUserList
{
    public List<AcceldataUserDto>? Users { get; set; }
    public AcceldataPageMeta? Meta { get; set; }
}

internal sealed class AcceldataGroupList
{
    public List<AcceldataGroupDto>? Groups { get; set; }
    public AcceldataPageMeta? Meta { get; set; }
}
