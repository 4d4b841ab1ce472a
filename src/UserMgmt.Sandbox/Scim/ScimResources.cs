using System.Globalization;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Scim;

/// <summary>Store records as SCIM resources (RFC 7643 §4), and the attributes of the store's map the schemas name.</summary>
internal static class ScimResources
{
    /// <summary>Singular text attributes of the core User schema kept in the store's attributes map.</summary>
    public static readonly string[] CoreAttributes = ["title", "userType", "preferredLanguage", "locale", "timezone", "nickName"];

    /// <summary>The enterprise extension's text attributes (RFC 7643 §4.3), kept in the store's attributes map.</summary>
    public static readonly string[] EnterpriseAttributes = ["employeeNumber", "costCenter", "organization", "division", "department"];

    public const string Manager = "manager";

    public static string? CoreName(string name) => CoreAttributes.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));

    public static string? EnterpriseName(string name) =>
        EnterpriseAttributes.Append(Manager).FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));

    public static string DisplayName(UserRecord user) =>
        string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : user.Email;

    public static Dictionary<string, object?> User(UserRecord user, string baseUrl)
    {
        var resource = new Dictionary<string, object?>
        {
            ["schemas"] = new[] { ScimSchemas.User, ScimSchemas.EnterpriseUser },
            ["id"] = user.Id,
            ["userName"] = user.Email,
            ["name"] = new Dictionary<string, object?>
            {
                ["givenName"] = user.FirstName,
                ["familyName"] = user.LastName,
                ["formatted"] = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))),
            },
            ["displayName"] = DisplayName(user),
            ["emails"] = new[] { new Dictionary<string, object?> { ["value"] = user.Email, ["type"] = "work", ["primary"] = true } },
            ["active"] = user.Enabled,
        };
        foreach (var name in CoreAttributes)
            if (First(user, name) is { } value) resource[name] = value;
        resource["groups"] = user.Groups.Select(g => new Dictionary<string, object?>
        {
            ["value"] = g.Id, ["display"] = g.Name, ["$ref"] = $"{baseUrl}/Groups/{g.Id}", ["type"] = "direct",
        }).ToList();
        var extension = new Dictionary<string, object?>();
        foreach (var name in EnterpriseAttributes)
            if (First(user, name) is { } value) extension[name] = value;
        if (First(user, Manager) is { } manager)
            extension[Manager] = new Dictionary<string, object?> { ["value"] = manager, ["$ref"] = $"{baseUrl}/Users/{manager}" };
        resource[ScimSchemas.EnterpriseUser] = extension;
        resource["meta"] = Meta("User", user.CreatedOn, user.UpdatedOn, $"{baseUrl}/Users/{user.Id}");
        return resource;
    }

    public static Dictionary<string, object?> Group(GroupRecord group, IReadOnlyList<ScimMember> members, string baseUrl) => new()
    {
        ["schemas"] = new[] { ScimSchemas.Group },
        ["id"] = group.Id,
        ["displayName"] = group.Name,
        ["members"] = members.Select(m => new Dictionary<string, object?>
        {
            ["value"] = m.UserId, ["display"] = m.Display, ["$ref"] = $"{baseUrl}/Users/{m.UserId}", ["type"] = "User",
        }).ToList(),
        // The store keeps no time of a group's last change: its creation stands for both.
        ["meta"] = Meta("Group", group.CreatedAt, group.CreatedAt, $"{baseUrl}/Groups/{group.Id}"),
    };

    public static Dictionary<string, object?> List(IEnumerable<object> resources, int total, int startIndex)
    {
        var list = resources.ToList();
        return new Dictionary<string, object?>
        {
            ["schemas"] = new[] { ScimSchemas.ListResponse },
            ["totalResults"] = total,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = list.Count,
            ["Resources"] = list,
        };
    }

    private static Dictionary<string, object?> Meta(string type, long created, long modified, string location) => new()
    {
        ["resourceType"] = type,
        ["created"] = Time(created),
        ["lastModified"] = Time(modified),
        ["location"] = location,
    };

    private static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? First(UserRecord user, string name) =>
        user.Attributes.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase)).Value is [var first, ..] ? first : null;
}
