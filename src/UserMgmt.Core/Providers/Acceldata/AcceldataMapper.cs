using System.Text.Json;
using UserMgmt.Model;

namespace UserMgmt.Providers.Acceldata;

/// <summary>Maps ADOC's wire shapes onto the canonical model; a value that cannot be read is an error naming whose it is.</summary>
internal static class AcceldataMapper
{
    /// <summary>A user from a listing; one without a userId cannot be acted on, and is named by its place and address.</summary>
    public static User ToListedUser(AcceldataUserDto dto, int position) =>
        dto.UserId is null
            ? throw new FormatException($"User {position} of the listing ({dto.Email ?? "no email"}) has no userId; the platform must give every user one.")
            : ToUser(dto, $"user {position} of the listing ({dto.Email ?? dto.UserId})");

    public static User ToUser(AcceldataUserDto dto) =>
        ToUser(dto, $"user '{dto.UserId}'");

    private static User ToUser(AcceldataUserDto dto, string who) => new()
    {
        Id = dto.UserId ?? throw new FormatException("A user in the answer has no userId."),
        Email = dto.Email ?? string.Empty,
        FirstName = dto.FirstName,
        LastName = dto.LastName,
        Status = StatusOf(dto, who),
        Groups = Names(dto.Groups),
        Roles = Names(dto.Roles),
        Attributes = AttributesOf(dto.Attributes, who),
        ExternallyManaged = Flag(dto.ScimManaged, "scimManaged", who).IsTrue,
        Created = FromEpoch(dto.CreatedOn),
    };

    /// <summary>A group from a listing, named by its place when it has no id; one without a name keeps an empty name.</summary>
    public static Group ToGroup(AcceldataGroupDto dto, int position) =>
        dto.Id is null
            ? throw new FormatException($"Group {position} of the listing ({dto.Name ?? "no name"}) has no id; the platform must give every group one.")
            : ToGroup(dto);

    public static Group ToGroup(AcceldataGroupDto dto) => new()
    {
        Id = dto.Id ?? throw new FormatException("A group in the answer has no id."),
        Name = dto.Name ?? string.Empty,
        Description = dto.Description,
        MemberCount = dto.MembersCount is { } count and >= 0 and <= int.MaxValue ? (int)count : 0,
        ExternallyManaged = Flag(dto.ScimManaged, "scimManaged", $"group '{dto.Name ?? dto.Id}'").IsTrue,
        Created = FromEpoch(dto.CreatedAt),
    };

    // ADOC has no status field: a disabled account is inactive; one that never verified its
    // address nor signed in is still an open invitation.
    private static UserStatus StatusOf(AcceldataUserDto dto, string who) =>
        Flag(dto.Enabled, "enabled", who).IsFalse ? UserStatus.Inactive
        : !Flag(dto.IsEmailVerified, "isEmailVerified", who).IsTrue && !HasValue(dto.LastAccessOn) ? UserStatus.Invited
        : UserStatus.Active;

    // Guessing a flag would change whom a command may touch (a disabled user, one managed by SCIM): an unreadable one is an error.
    private static LenientFlag Flag(LenientFlag flag, string field, string who) =>
        flag.Unreadable is null ? flag
            : throw new FormatException($"The '{field}' flag of {who} is {flag.Unreadable}, which is neither true nor false.");

    private static bool HasValue(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } v && !(v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetString()));

    /// <summary>
    /// S0 shows a map of names to lists of text. A value in another form is read as the text it carries (a single
    /// string or number as a list of one, null as none, nulls in a list left out); an object is shown as its JSON.
    /// </summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> AttributesOf(JsonElement? attributes, string who) =>
        attributes switch
        {
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase),
            { ValueKind: JsonValueKind.Object } map => map.EnumerateObject()
                .GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(a => a.Key, a => (IReadOnlyList<string>)Values(a.Last().Value), StringComparer.OrdinalIgnoreCase),
            { } other => throw new FormatException($"The attributes of {who} are not a map of names to values but a JSON {other.ValueKind.ToString().ToLowerInvariant()}."),
        };

    private static List<string> Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(Text).ToList(),
        JsonValueKind.Null => [],
        _ => [Text(value)],
    };

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    // Groups and roles arrive either as names or as objects with a name; a name sent as a number is its digits.
    private static IReadOnlyList<string> Names(List<JsonElement>? items) =>
        (items ?? []).Select(item => item.ValueKind switch
            {
                JsonValueKind.String or JsonValueKind.Number => Text(item),
                JsonValueKind.Object when item.TryGetProperty("name", out var name) && name.ValueKind is JsonValueKind.String or JsonValueKind.Number => Text(name),
                _ => null,
            })
            .Where(name => !string.IsNullOrEmpty(name))
            .Select(name => name!)
            .ToList();

    // ADOC sends epoch milliseconds; a time outside what a date can hold is no time.
    private static DateTimeOffset? FromEpoch(long? epochMs) =>
        epochMs is { } ms && ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
