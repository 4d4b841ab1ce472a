using System.Globalization;
using System.Text.Json;
using UserMgmt.Model;

namespace UserMgmt.Providers.Scim;

/// <summary>SCIM resources as the model has them.</summary>
internal static class ScimMapper
{
    /// <summary>A user; <paramref name="groupsOf"/> gives the groups of users whose resource leaves "groups" out.</summary>
    public static User ToUser(ScimUserDto dto, Func<string, IReadOnlyList<string>>? groupsOf = null)
    {
        var id = dto.Id is { Length: > 0 } known ? known : throw new FormatException($"A user '{dto.UserName}' came without an id.");
        return new User
        {
            Id = id,
            Email = EmailOf(dto),
            FirstName = dto.Name?.GivenName,
            LastName = dto.Name?.FamilyName,
            // SCIM has no invitation: an account is active or not (RFC 7643 §4.1.1 "active").
            Status = IsFalse(dto.Active) ? UserStatus.Inactive : UserStatus.Active,
            // Only direct memberships: "groups" also lists those held through a nested group (RFC 7643 §4.1.2),
            // which adding to or removing from that group's members cannot change.
            Groups = dto.Groups is { } groups
                ? groups.Where(g => !string.Equals(g.Type, "indirect", StringComparison.OrdinalIgnoreCase))
                    .Select(g => g.Display ?? g.Value).OfType<string>().ToList()
                : groupsOf?.Invoke(id) ?? [],
            Attributes = AttributesOf(dto),
            Created = DateTimeOffset.TryParse(dto.Meta?.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        };
    }

    /// <summary>The primary address, else the first, else the userName (which services often make the address).</summary>
    private static string EmailOf(ScimUserDto dto)
    {
        var emails = (dto.Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e.Value)).ToList();
        return (emails.FirstOrDefault(e => e.Primary.ValueKind == JsonValueKind.True) ?? emails.FirstOrDefault())?.Value
               ?? dto.UserName ?? "";
    }

    private static bool IsFalse(JsonElement flag) =>
        flag.ValueKind == JsonValueKind.False
        || (flag.ValueKind == JsonValueKind.String && string.Equals(flag.GetString(), "false", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, IReadOnlyList<string>> AttributesOf(ScimUserDto dto)
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) attributes[name] = [value];
        }
        Add("title", dto.Title);
        Add("userType", dto.UserType);
        Add("preferredLanguage", dto.PreferredLanguage);
        Add("locale", dto.Locale);
        Add("timezone", dto.Timezone);
        foreach (var (name, value) in dto.Enterprise ?? [])
            Add(name, value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                // The manager is a reference: its value is the manager's id.
                JsonValueKind.Object when value.TryGetProperty("value", out var reference) && reference.ValueKind == JsonValueKind.String => reference.GetString(),
                _ => null,
            });
        return attributes;
    }

    public static Group ToGroup(ScimGroupDto dto) => new()
    {
        Id = dto.Id is { Length: > 0 } id ? id : throw new FormatException($"A group '{dto.DisplayName}' came without an id."),
        Name = dto.DisplayName ?? dto.Id,
        // The users it names, each once: an entry listed twice, or naming nobody, is no further member.
        MemberCount = (dto.Members ?? []).Select(m => m.Value).Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Count(),
        Created = DateTimeOffset.TryParse(dto.Meta?.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
    };
}
