namespace UserMgmt.Bulk;

/// <summary>The platform's current users in file form, and the roles, teams and locations rows may name.</summary>
public sealed class BulkUserTemplate
{
    public required IReadOnlyList<BulkUserRow> Rows { get; init; }
    public required IReadOnlySet<string> Roles { get; init; }
    public required IReadOnlySet<string> Teams { get; init; }
    /// <summary>Locations in use; the platform publishes no list of locations, so this is what the template shows.</summary>
    public required IReadOnlySet<string> Locations { get; init; }
}
