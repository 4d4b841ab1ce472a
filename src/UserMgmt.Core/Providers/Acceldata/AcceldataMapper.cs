using System.Text.Json;
using UserMgmt.Model;

namespace UserMgmt.Providers.Acceldata;

/// <summary>Maps ADOC's wire shapes onto the canonical model.</summary>
internal static class AcceldataMapper
{
    /// <summary>A user from a listing; one without a userId cannot be acted on, and is named by its place and address.</summary>
    public static User ToListedUser(AcceldataUserDto dto, int position) =>
        dto.UserId is null
            ? throw new FormatException($"User {position} of the listing ({dto.Email ?? "no email"}) has no userId; the platform must give every user one.")
            : ToUser(dto);

    public static User ToUser(AcceldataUserDto dto) => new()
    {
        Id = dto.UserId ?? throw new FormatException("A user in the answer has no userId."),
        Email = dto.Email ?? string.Empty,
        FirstName = dto.FirstName,
        LastName = dto.LastName,
        Status = StatusOf(dto),
        Groups = Names(dto.Groups),
        Roles = Names(dto.Roles),
        Attributes = (dto.Attributes ?? []).ToDictionary(
            a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.OrdinalIgnoreCase),
        ExternallyManaged = dto.ScimManaged == true,
        Created = FromEpoch(dto.CreatedOn),
    };

    public static Group ToGroup(AcceldataGroupDto dto) => new()
    {
        Id = dto.Id ?? throw new FormatException("A group in the answer has no id."),
        Name = dto.Name ?? string.Empty,
        Description = dto.Description,
        MemberCount = dto.MembersCount ?? 0,
        ExternallyManaged = dto.ScimManaged == true,
        Created = FromEpoch(dto.CreatedAt),
    };

    // ADOC has no status field: a disabled account is inactive; one that never verified its
    // address nor signed in is still an open invitation.
    private static UserStatus StatusOf(AcceldataUserDto dto) =>
        dto.Enabled == false ? UserStatus.Inactive
        : dto.IsEmailVerified != true && dto.LastAccessOn is null ? UserStatus.Invited
        : UserStatus.Active;

    // Groups and roles arrive either as names or as objects with a name.
    private static IReadOnlyList<string> Names(List<JsonElement>? items) =>
        (items ?? []).Select(item => item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("name", out var name) => name.GetString(),
                _ => null,
            })
            .Where(name => !string.IsNullOrEmpty(name))
            .Select(name => name!)
            .ToList();

    // ADOC sends epoch milliseconds.
    private static DateTimeOffset? FromEpoch(long? epochMs) =>
        epochMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
