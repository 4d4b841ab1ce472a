using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Acceldata;

// Wire shapes of the ADOC admin API; property names follow its JSON (camelCase through the web defaults).

internal sealed class AcceldataUserDto
{
    public string? UserId { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool? Enabled { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool? IsEmailVerified { get; set; }
    public Dictionary<string, List<string>>? Attributes { get; set; }
    public List<JsonElement>? Groups { get; set; }
    public List<JsonElement>? Roles { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool? ScimManaged { get; set; }
    public long? CreatedOn { get; set; }
    public long? LastAccessOn { get; set; }
}

internal sealed class AcceldataGroupDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public int? MembersCount { get; set; }
    [JsonConverter(typeof(LenientFlagConverter))]
    public bool? ScimManaged { get; set; }
    public long? CreatedAt { get; set; }
}

/// <summary>A group as its own endpoint answers it (GroupDetails); of its members only the ids are read.</summary>
internal sealed class AcceldataGroupDetailsDto
{
    public string? Id { get; set; }
    public List<AcceldataMemberDto>? Members { get; set; }
}

internal sealed class AcceldataMemberDto
{
    public string? Id { get; set; }
}

/// <summary>A page's counts; any may be null, and then the page's own length stands in for the total.</summary>
internal sealed class AcceldataPageMeta
{
    public int? Page { get; set; }
    public int? Size { get; set; }
    public int? Total { get; set; }
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
