using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Safety;

/// <summary>
/// Everything a command could take away or overwrite in the sandbox, as one comparable text: accounts,
/// names, attributes, groups, memberships and roles (not timestamps, which a no-op may touch).
/// </summary>
public static class DirectoryState
{
    public static string Of(LocalSandbox sandbox) => string.Join("\n",
        Rows(sandbox, "SELECT id, email, first_name, last_name, enabled, attributes FROM users ORDER BY id"),
        Rows(sandbox, "SELECT id, name, description FROM groups ORDER BY id"),
        Rows(sandbox, "SELECT user_id, group_id FROM memberships ORDER BY user_id, group_id"),
        Rows(sandbox, "SELECT user_id, role_id FROM user_roles ORDER BY user_id, role_id"));

    private static string Rows(LocalSandbox sandbox, string sql) => string.Join("\n", sandbox.Query(sql,
        r => string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : r.GetValue(i).ToString()))));

    /// <summary>An enabled account that is in at least one group and that the platforms let us change.</summary>
    public static string MemberOfSomeGroup(LocalSandbox sandbox) => sandbox.Query("""
        SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id
        WHERE u.enabled = 1 AND u.scim_managed = 0 GROUP BY u.email HAVING COUNT(*) >= 2 ORDER BY u.email LIMIT 1
        """, r => r.GetString(0)).Single();
}
