namespace UserMgmt.Bulk;

/// <summary>The platform's current users in file form, and the roles, teams and locations rows may name.</summary>
public sealed class BulkUserTemplate
{
    public required IReadOnlyList<BulkUserRow> Rows { get; init; }
    public required IReadOnlySet<string> Roles { get; init; }
    public required IReadOnlySet<string> Teams { get; init; }
    /// <summary>
    /// Every role and team the platform has is named, as P1's template flags each with its value; false when
    /// the rows carry the held ones alone, so a name missing here may still exist and is the platform's to judge.
    /// </summary>
    public bool ListsEveryRoleAndTeam { get; init; } = true;
    /// <summary>Locations in use; the platform publishes no list of locations, so this is what the template shows.</summary>
    public required IReadOnlySet<string> Locations { get; init; }
}
