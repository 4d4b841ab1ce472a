namespace UserMgmt.Providers.Scim;

/// <summary>
/// The attributes commands name (Set-UserAttribute -Department) and where SCIM keeps them: the core User schema
/// (RFC 7643 §4.1) or the enterprise extension (§4.3). Any other name is sent as a PATCH path as given, for the
/// service to judge.
/// </summary>
internal static class ScimAttributes
{
    private static readonly string[] Core = ["title", "userType", "preferredLanguage", "locale", "timezone", "displayName", "nickName"];
    private static readonly string[] Enterprise = ["department", "employeeNumber", "costCenter", "organization", "division", "manager"];

    public static IReadOnlySet<string> Known { get; } = Core.Concat(Enterprise).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The PATCH path of an attribute, spelled as the schema spells it.</summary>
    public static string PathOf(string name)
    {
        if (Core.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) is { } core) return core;
        if (Enterprise.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) is { } extension)
            return $"{ScimSchemas.EnterpriseUser}:{extension}";
        return name;
    }

    public static bool IsEnterprise(string name) => Enterprise.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));

    public static bool IsManager(string name) => string.Equals(name, "manager", StringComparison.OrdinalIgnoreCase);
}
