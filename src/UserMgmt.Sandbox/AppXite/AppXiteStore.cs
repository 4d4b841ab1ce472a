using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.AppXite;

/// <summary>What AppXite's emulation reads and writes in the shared store: users with their state, organisations and roles; roles; identity providers.</summary>
internal sealed class AppXiteStore(SandboxDatabase database)
{
    public sealed record AppXiteUser(string Id, string Email, string? FirstName, string? LastName, long Created, string State,
        List<string> Organizations, List<string> Roles);

    public sealed record Invited(string Email, string? FirstName, string? LastName, IReadOnlyList<long> RoleIds, string? IdentityProviderId);

    /// <summary>The account the demo's token belongs to: the demo organisation's first user.</summary>
    public const string CallerId = "user-001";

    public Task<(List<AppXiteUser> Users, int Total)> UsersAsync(int page, int pageSize) => database.ReadAsync(c =>
    {
        var total = (int)c.Scalar<long>("SELECT COUNT(*) FROM users");
        var users = Users(c, "ORDER BY created_on, id LIMIT @n OFFSET @o", ("@n", pageSize), ("@o", (long)(page - 1) * pageSize));
        return (users, total);
    });

    public Task<AppXiteUser?> CallerAsync() => database.ReadAsync(c => Users(c, "WHERE id = @id", ("@id", CallerId)).SingleOrDefault());

    private static List<AppXiteUser> Users(Microsoft.Data.Sqlite.SqliteConnection c, string where, params (string, object?)[] parameters)
    {
        var users = c.Query($"SELECT id, email, first_name, last_name, created_on, enabled, email_verified FROM users {where}",
            r => new AppXiteUser(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetInt64(4),
                !r.GetBoolean(5) ? "Blocked" : !r.GetBoolean(6) ? "New" : "Active", [], []),
            parameters);
        foreach (var user in users)
        {
            user.Organizations.AddRange(c.Query("SELECT organization_id FROM user_organizations WHERE user_id = @u ORDER BY organization_id", r => r.GetString(0), ("@u", user.Id)));
            user.Roles.AddRange(c.Query("SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @u ORDER BY r.weight", r => r.GetString(0), ("@u", user.Id)));
        }
        return users;
    }

    public Task<List<(long Id, string Name, int Weight)>> RolesAsync() => database.ReadAsync(c =>
        c.Query("SELECT id, name, weight FROM roles ORDER BY weight, name", r => (r.GetInt64(0), r.GetString(1), r.GetInt32(2))));

    public Task<List<(string Id, string Name, string Prefix, bool Enabled)>> IdentityProvidersAsync() => database.ReadAsync(c =>
        c.Query("SELECT id, name, prefix, enabled FROM identity_providers ORDER BY name", r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3))));

    /// <summary>
    /// Invites everyone into every organisation named, all or nothing: an unknown organisation, role or identity
    /// provider, or a disabled one, refuses the call naming it. Someone registered already is granted the organisations.
    /// </summary>
    public Task<int> InviteAsync(IReadOnlyList<Invited> people, IReadOnlyList<string> organizations) => database.RunAsync(c =>
    {
        var duplicates = people.GroupBy(p => p.Email, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) throw SandboxError.BadRequest($"Duplicate email(s) in request: {string.Join(", ", duplicates)}");
        foreach (var organization in organizations)
            if (c.Scalar<long>("SELECT COUNT(*) FROM organizations WHERE id = @o", ("@o", organization)) == 0)
                throw SandboxError.BadRequest($"Organization '{organization}' does not exist");
        foreach (var person in people)
        {
            foreach (var role in person.RoleIds)
                if (c.Scalar<long>("SELECT COUNT(*) FROM roles WHERE id = @r", ("@r", role)) == 0) throw SandboxError.BadRequest($"Role '{role}' does not exist");
            if (person.IdentityProviderId is { } idp)
            {
                var enabled = c.Query("SELECT enabled FROM identity_providers WHERE id = @i", r => (bool?)r.GetBoolean(0), ("@i", idp)).SingleOrDefault();
                if (enabled is null) throw SandboxError.BadRequest($"Identity provider '{idp}' does not exist");
                if (enabled == false) throw SandboxError.BadRequest($"Identity provider '{idp}' is disabled");
            }
        }
        var into = organizations.Count > 0 ? organizations : [DemoOrganisation.Organizations[0].Id];
        var now = DirectoryStore.Now;
        foreach (var person in people)
        {
            var id = c.Query("SELECT id FROM users WHERE email = @e", r => r.GetString(0), ("@e", person.Email)).SingleOrDefault();
            if (id is null)
            {
                id = Guid.NewGuid().ToString();
                c.Execute("INSERT INTO users (id, email, first_name, last_name, enabled, email_verified, created_on, updated_on) VALUES (@id, @e, @f, @l, 1, 0, @t, @t)",
                    ("@id", id), ("@e", person.Email), ("@f", person.FirstName), ("@l", person.LastName), ("@t", now));
                c.Execute("INSERT INTO invitations (email, send_email, at) VALUES (@e, 1, @t)", ("@e", person.Email), ("@t", now));
            }
            foreach (var organization in into)
                c.Execute("INSERT OR IGNORE INTO user_organizations (user_id, organization_id) VALUES (@u, @o)", ("@u", id), ("@o", organization));
            foreach (var role in person.RoleIds)
                c.Execute("INSERT OR IGNORE INTO user_roles (user_id, role_id) VALUES (@u, @r)", ("@u", id), ("@r", role));
        }
        return people.Count;
    });
}
