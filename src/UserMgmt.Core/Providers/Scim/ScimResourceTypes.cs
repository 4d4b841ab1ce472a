using System.Text.Json;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// Where the service keeps users and groups, from /ResourceTypes (RFC 7644 §4; RFC 7643 §6): the `endpoint` of the
/// resource types named User and Group, relative to the SCIM root. A service that does not say keeps them at the
/// RFC's /Users and /Groups.
/// </summary>
internal sealed record ScimResourceTypes(string Users, string Groups)
{
    public static readonly ScimResourceTypes Default = new("Users", "Groups");

    public static ScimResourceTypes From(JsonElement answer)
    {
        var types = answer.ValueKind switch
        {
            JsonValueKind.Array => answer.EnumerateArray().ToList(),
            JsonValueKind.Object when answer.TryGetProperty("Resources", out var list) && list.ValueKind == JsonValueKind.Array => list.EnumerateArray().ToList(),
            _ => [],
        };
        return new ScimResourceTypes(EndpointOf(types, "User") ?? Default.Users, EndpointOf(types, "Group") ?? Default.Groups);
    }

    /// <summary>The endpoint as a relative path: one segment or more, no scheme, no host, no way out of the root.</summary>
    private static string? EndpointOf(IEnumerable<JsonElement> types, string name)
    {
        var type = types.FirstOrDefault(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("name", out var n)
                                             && n.ValueKind == JsonValueKind.String && string.Equals(n.GetString(), name, StringComparison.Ordinal));
        if (type.ValueKind != JsonValueKind.Object || !type.TryGetProperty("endpoint", out var endpoint) || endpoint.ValueKind != JsonValueKind.String)
            return null;
        var path = endpoint.GetString()!.Trim().Trim('/');
        var segments = path.Split('/');
        // An absolute address or a climb out of the SCIM root would send the token elsewhere: the RFC's path is used instead.
        return path.Length == 0 || path.Contains(':') || path.Contains('?') || path.Contains('#') || path.Contains('\\')
               || segments.Any(s => s is "" or "." or "..")
            ? null
            : string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
