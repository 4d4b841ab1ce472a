using System.Text.Json;

namespace UserMgmt.Sandbox.Store;

/// <summary>
/// A small organisation to try the module on: 40 people in 6 groups, with the Analytics team the
/// split scenario starts from, a Data Platform team for the department change, a few invitations
/// still open, two disabled accounts and one account managed by SCIM.
/// </summary>
public static class DemoOrganisation
{
    public const string Domain = "example.com";
    public const string ScimManagedEmail = "scim.sync@example.com";

    public static readonly string[] GroupNames =
        ["Analytics", "Contractors", "Read-Only-Access", "Data Platform", "Engineering", "Administrators"];

    private static readonly string[] FirstNames =
    [
        "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
        "Kara", "Liam", "Maya", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara",
        "Umar", "Vera", "Wen", "Xavi", "Yara", "Zane", "Aiko", "Bruno", "Cleo", "Dario",
        "Emil", "Fatima", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Milo",
    ];

    private static readonly string[] LastNames =
    [
        "Lovelace", "Okafor", "Martin", "Patel", "Rossi", "Haddad", "Hopper", "Tanaka", "Garcia", "Berg",
        "Singh", "Murphy", "Cohen", "Larsen", "Ivanova", "Rao", "Fischer", "Lopez", "Khan", "Nguyen",
        "Ali", "Novak", "Li", "Puig", "Haddad", "Moreau", "Sato", "Costa", "Dubois", "Bianchi",
        "Weber", "Zahra", "Olsen", "Kim", "Petrov", "Wong", "Mensah", "Schulz", "Jovic",
    ];

    /// <summary>One of the demo's people, as every emulation (and a test's own SCIM server) seeds them.</summary>
    public sealed record Person(int Index, string Email, string FirstName, string LastName, bool Enabled, string Department, IReadOnlyList<string> Groups);

    /// <summary>The 39 people of the demo, in the order they are created (the SCIM-managed account is apart).</summary>
    public static IReadOnlyList<Person> People { get; } = [.. Enumerable.Range(0, FirstNames.Length).Select(i => new Person(
        i,
        $"{FirstNames[i].ToLowerInvariant()}.{LastNames[i].ToLowerInvariant()}@{Domain}",
        FirstNames[i], LastNames[i],
        Enabled: i is not (33 or 34),
        Department: i < 10 ? "Analytics" : i < 18 ? "Data Platform" : i < 30 ? "Engineering" : "Operations",
        Groups: [.. GroupsOf(i)]))];

    public static readonly (string Name, int Weight)[] Roles = [("Agent", 10), ("Supervisor", 20), ("Admin", 30)];
    public static readonly string[] Locations = ["Berlin", "Lisbon", "Remote"];

    /// <summary>AppXite's organisations: the platform's own, where everyone is, and two customers.</summary>
    public static readonly (string Id, string Name)[] Organizations =
        [("org-northwind", "Northwind (platform)"), ("org-contoso", "Contoso Ltd"), ("org-fabrikam", "Fabrikam Inc")];

    /// <summary>AppXite's identity providers, one of them disabled.</summary>
    public static readonly (string Id, string Name, string Prefix, bool Enabled)[] IdentityProviders =
        [("idp-account", "Account", "account", true), ("idp-aad", "Azure AD", "aad", true), ("idp-legacy", "Legacy SSO", "legacy", false)];

    public static void Seed(SandboxDatabase database) => database.RunAsync(c =>
    {
        foreach (var (name, weight) in Roles) c.Execute("INSERT OR IGNORE INTO roles (name, weight) VALUES (@n, @w)", ("@n", name), ("@w", weight));
        foreach (var location in Locations) c.Execute("INSERT OR IGNORE INTO locations (name) VALUES (@n)", ("@n", location));
        foreach (var (id, name) in Organizations) c.Execute("INSERT OR IGNORE INTO organizations (id, name) VALUES (@i, @n)", ("@i", id), ("@n", name));
        foreach (var (id, name, prefix, enabled) in IdentityProviders)
            c.Execute("INSERT OR IGNORE INTO identity_providers (id, name, prefix, enabled) VALUES (@i, @n, @p, @e)", ("@i", id), ("@n", name), ("@p", prefix), ("@e", enabled));
        if (c.Scalar<long>("SELECT COUNT(*) FROM users") > 0) return;
        var now = DirectoryStore.Now;
        var groupIds = GroupNames.ToDictionary(n => n, _ => Guid.NewGuid().ToString());
        foreach (var (name, id) in groupIds)
            c.Execute("INSERT INTO groups (id, name, description, created_at) VALUES (@id, @n, @d, @t)",
                ("@id", id), ("@n", name), ("@d", $"The {name} team"), ("@t", now));

        foreach (var person in People)
        {
            var i = person.Index;
            var id = $"user-{i + 1:D3}";
            var invited = i is 36 or 37 or 38; // never signed in yet
            c.Execute("""
                INSERT INTO users (id, email, first_name, last_name, enabled, email_verified, attributes, created_on, updated_on, last_access_on, location, agent_number)
                VALUES (@id, @e, @fn, @ln, @en, @v, @at, @t, @t, @la, @loc, @an)
                """,
                ("@loc", Locations[i % Locations.Length]), ("@an", $"A{1000 + i}"),
                ("@id", id), ("@e", person.Email), ("@fn", person.FirstName), ("@ln", person.LastName),
                ("@en", person.Enabled), ("@v", !invited),
                ("@at", JsonSerializer.Serialize(new Dictionary<string, string[]> { ["department"] = [person.Department] })),
                ("@t", now + i), ("@la", invited ? null : now));
            foreach (var group in person.Groups) Join(c, id, groupIds[group]);
            c.Execute("INSERT INTO user_roles (user_id, role_id) SELECT @u, id FROM roles WHERE name = @r", ("@u", id), ("@r", i == 0 ? "Admin" : "Agent"));
            c.Execute("INSERT INTO user_organizations (user_id, organization_id) VALUES (@u, @o)", ("@u", id), ("@o", Organizations[0].Id));
        }

        c.Execute("""
            INSERT INTO users (id, email, first_name, last_name, enabled, email_verified, scim_managed, created_on, updated_on, last_access_on)
            VALUES ('user-040', @e, 'Scim', 'Sync', 1, 1, 1, @t, @t, @t)
            """, ("@e", ScimManagedEmail), ("@t", now + 40));
    }).GetAwaiter().GetResult();

    private static IEnumerable<string> GroupsOf(int index)
    {
        if (index < 10) yield return "Analytics";
        if (index is >= 10 and < 18) yield return "Data Platform";
        if (index is >= 10 and < 30) yield return "Engineering";
        if (index is 0 or 10) yield return "Administrators";
    }

    private static void Join(Microsoft.Data.Sqlite.SqliteConnection c, string userId, string groupId) =>
        c.Execute("INSERT INTO memberships (user_id, group_id) VALUES (@u, @g)", ("@u", userId), ("@g", groupId));
}
