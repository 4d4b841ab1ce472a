using System.Net;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Faults;

namespace UserMgmt.Tests.Support;

/// <summary>
/// A sandbox of the test's own: a fresh SQLite file with the demo organisation, served on a free
/// loopback port. Assertions read the database file directly, not through the API under test.
/// Holds nothing of the engine, so tests that load the module as a user does can use it too.
/// </summary>
public class LocalSandbox : IAsyncDisposable
{
    private readonly string _directory;

    protected LocalSandbox(SandboxHost host, string directory)
    {
        Host = host;
        _directory = directory;
    }

    public SandboxHost Host { get; }
    public Uri BaseUri => Host.BaseUri;

    protected static async Task<(SandboxHost Host, string Directory)> StartHostAsync()
    {
        var directory = Directory.CreateTempSubdirectory("usermgmt-test-").FullName;
        var options = new SandboxOptions { Urls = "http://127.0.0.1:0", DatabasePath = Path.Combine(directory, "sandbox.db") };
        return (await SandboxHost.StartAsync(options), directory);
    }

    public static async Task<LocalSandbox> StartAsync()
    {
        var (host, directory) = await StartHostAsync();
        return new LocalSandbox(host, directory);
    }

    /// <summary>Calls that changed or tried to change something since the log was last cleared.</summary>
    public async Task<int> WriteCallsAsync() =>
        (await Host.Requests.CountsAsync()).Where(c => c.Method != "GET").Sum(c => c.Count);

    /// <summary>Calls that only read, since the log was last cleared.</summary>
    public async Task<int> ReadCallsAsync() =>
        (await Host.Requests.CountsAsync()).Where(c => c.Method == "GET").Sum(c => c.Count);

    public async Task<int> CallsAsync(string method, string endpoint) =>
        (await Host.Requests.CountsAsync()).Where(c => c.Method == method && c.Endpoint == endpoint).Sum(c => c.Count);

    public Task ClearRequestLogAsync() => Host.Requests.ClearAsync();

    public SortedSet<string> MembersOf(string groupName) => new(Query(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id WHERE g.name = @n",
        r => r.GetString(0), ("@n", groupName)), StringComparer.OrdinalIgnoreCase);

    public SortedSet<string> GroupsOf(string email) => new(Query(
        "SELECT g.name FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id WHERE u.email = @e",
        r => r.GetString(0), ("@e", email)), StringComparer.OrdinalIgnoreCase);

    public SortedSet<string> RolesOf(string email) => new(Query(
        "SELECT r.name FROM user_roles ur JOIN users u ON u.id = ur.user_id JOIN roles r ON r.id = ur.role_id WHERE u.email = @e",
        r => r.GetString(0), ("@e", email)), StringComparer.OrdinalIgnoreCase);

    public SortedSet<string> HoldersOf(string role) => new(Query(
        "SELECT u.email FROM user_roles ur JOIN users u ON u.id = ur.user_id JOIN roles r ON r.id = ur.role_id WHERE r.name = @n",
        r => r.GetString(0), ("@n", role)), StringComparer.OrdinalIgnoreCase);

    public int CountUsers(string email) => Query("SELECT COUNT(*) FROM users WHERE email = @e", r => r.GetInt32(0), ("@e", email)).Single();

    public bool GroupExists(string name) => Query("SELECT COUNT(*) FROM groups WHERE name = @n", r => r.GetInt32(0), ("@n", name)).Single() > 0;

    public string? AttributesJson(string email) => Query("SELECT attributes FROM users WHERE email = @e", r => r.GetString(0), ("@e", email)).SingleOrDefault();

    public bool? IsEnabled(string email) => Query("SELECT enabled FROM users WHERE email = @e", r => (bool?)r.GetBoolean(0), ("@e", email)).SingleOrDefault();

    public int InvitationsSent(string email) => Query("SELECT COUNT(*) FROM invitations WHERE email = @e", r => r.GetInt32(0), ("@e", email)).Single();

    /// <summary>Hands a user over to SCIM, as an identity provider does and no platform call can.</summary>
    public void ManageUserByScim(string email) => AlterOne("UPDATE users SET scim_managed = 1 WHERE email = @n", email);

    /// <summary>Hands a group over to SCIM, as an identity provider does and no platform call can.</summary>
    public void ManageGroupByScim(string name) => AlterOne("UPDATE groups SET scim_managed = 1 WHERE name = @n", name);

    /// <summary>Takes a user's last name away, as accounts older than a platform's rule may lack one.</summary>
    public void ClearLastName(string email) => AlterOne("UPDATE users SET last_name = NULL WHERE email = @n", email);

    /// <summary>Takes a user's first name away, as accounts older than a platform's rule may lack one.</summary>
    public void ClearFirstName(string email) => AlterOne("UPDATE users SET first_name = NULL WHERE email = @n", email);

    /// <summary>Leaves the user holding the one role named (none, if no role has that name), as a change made elsewhere would.</summary>
    public void GiveOnlyRole(string email, string role)
    {
        if (CountUsers(email) != 1) throw new InvalidOperationException($"Nothing is named '{email}' in the sandbox.");
        Alter("DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE email = @n)", ("@n", email));
        Alter("INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.email = @n AND r.name = @r", ("@n", email), ("@r", role));
    }

    /// <summary>An address without a dot after the @: some platforms hold such old accounts, yet refuse the address in their own files.</summary>
    public const string LegacyAddress = "legacy@intranet";

    /// <summary>Gives a user <see cref="LegacyAddress"/>, as accounts older than a platform's address check may have.</summary>
    public void GiveLegacyAddress(string email) => AlterOne($"UPDATE users SET email = '{LegacyAddress}' WHERE email = @n", email);

    /// <summary>Drops the letter from a demo agent number (A1000 becomes 1000), as tenants numbering agents by digits have them.</summary>
    public void UseDigitsForAgentNumber(string email) => AlterOne("UPDATE users SET agent_number = ltrim(agent_number, 'A') WHERE email = @n", email);

    /// <summary>Adds active users (extra0001@example.com on) straight to the directory, as an import outside the API would.</summary>
    public void AddUsers(int count) => InsertNumbered(count,
        "INSERT INTO users (id, email, first_name, last_name, created_on, updated_on) VALUES (@id, @e, 'Extra', @ln, @t, @t)",
        (i, p) =>
        {
            p.AddWithValue("@id", $"extra-{i:D4}");
            p.AddWithValue("@e", $"extra{i:D4}@example.com");
            p.AddWithValue("@ln", $"Number{i}");
        });

    /// <summary>Adds groups (Extra Group 0001 on) straight to the directory, after the demo groups.</summary>
    public void AddGroups(int count) => InsertNumbered(count,
        "INSERT INTO groups (id, name, created_at) VALUES (@id, @n, @t)",
        (i, p) =>
        {
            p.AddWithValue("@id", $"extra-group-{i:D4}");
            p.AddWithValue("@n", $"Extra Group {i:D4}");
        });

    /// <summary>Runs the insert once for each number from 1, in one transaction; @t orders the rows after the demo ones, as added.</summary>
    private void InsertNumbered(int count, string insert, Action<int, SqliteParameterCollection> values)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Host.Database.Path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 1; i <= count; i++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = insert;
            values(i, command.Parameters);
            command.Parameters.AddWithValue("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000 + i);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Puts every user added by <see cref="AddUsers"/> into the group, as a sync outside the API would.</summary>
    public void PutAddedUsersIn(string groupName)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Host.Database.Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO memberships (user_id, group_id) SELECT u.id, g.id FROM users u, groups g WHERE u.id LIKE 'extra-%' AND g.name = @n";
        command.Parameters.AddWithValue("@n", groupName);
        if (command.ExecuteNonQuery() == 0) throw new InvalidOperationException($"No added users, or no group named '{groupName}', in the sandbox.");
    }

    /// <summary>Changes one row directly, as no platform call can; none changed is an error naming what was asked for.</summary>
    private void AlterOne(string sql, string name, params (string Name, object Value)[] more)
    {
        if (Alter(sql, [("@n", name), .. more]) != 1) throw new InvalidOperationException($"Nothing is named '{name}' in the sandbox.");
    }

    private int Alter(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Host.Database.Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    /// <summary>Renames a group behind the API's back, as another administrator would.</summary>
    public void RenameGroup(string name, string newName) => AlterOne("UPDATE groups SET name = @to WHERE name = @n", name, ("@to", newName));

    /// <summary>Makes a group behind the API's back, as another administrator would.</summary>
    public void AddGroup(string id, string name) => AlterOne("INSERT INTO groups (id, name, created_at) VALUES (@id, @n, 0)", name, ("@id", id));

    /// <summary>Deletes a group and its members' places in it behind the API's back, as another administrator would.</summary>
    public void DeleteGroup(string name)
    {
        Alter("DELETE FROM memberships WHERE group_id IN (SELECT id FROM groups WHERE name = @n)", ("@n", name));
        AlterOne("DELETE FROM groups WHERE name = @n", name);
    }

    /// <summary>Reads the file directly; the request log is written in the background, so the calls answered so far are written first.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        Host.Requests.FlushAsync().GetAwaiter().GetResult();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Host.Database.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>Answers from now on in these shapes the vendors leave open (none: the strict default).</summary>
    public void UseVariants(params UserMgmt.Sandbox.Variants.SandboxVariant[] variants) => Host.Variants.Active = variants.ToHashSet();

    /// <summary>Makes the next platform calls answer with this raw status and body.</summary>
    public void AnswerNextWith(HttpStatusCode status, string contentType, string body, int times = 1, int? retryAfterSeconds = null) =>
        Host.Canned.Enqueue(new CannedAnswers.Answer((int)status, contentType, body, retryAfterSeconds), times);

    public void InjectFaults(FaultSettings faults) => Host.Faults.Settings = faults;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
