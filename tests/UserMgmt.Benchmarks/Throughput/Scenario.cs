using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox;

namespace UserMgmt.Benchmarks.Throughput;

public enum Change { Invite, Membership, Attributes }

/// <summary>One row of the table: a change, and how many users the directory holds besides those the rows name.</summary>
public sealed record Scenario(Change Change, int OtherUsers)
{
    public const int LargeDirectory = 50_000;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new(Change.Invite, 0), new(Change.Invite, LargeDirectory),
        new(Change.Membership, 0), new(Change.Membership, LargeDirectory),
        new(Change.Attributes, 0),
    ];

    public string Title => Change switch
    {
        Change.Invite => "Invite-User",
        Change.Membership => "Add-UserGroup",
        _ => "Set-UserAttribute",
    } + (OtherUsers > 0 ? $" into {OtherUsers:N0} users" : Change == Change.Invite ? " (fresh)" : "");
}

/// <summary>
/// A sandbox for one run: a fresh SQLite file with the demo organisation, on a free loopback port, and
/// what the scenario needs put straight into the file in one transaction (as an import outside the API
/// would): the other users, the users the rows name, and the group they join.
/// </summary>
public sealed class RunSandbox : IAsyncDisposable
{
    private readonly string _directory;

    private RunSandbox(SandboxHost host, string directory)
    {
        Host = host;
        _directory = directory;
    }

    public SandboxHost Host { get; }
    public Uri BaseUri => Host.BaseUri;

    public static async Task<RunSandbox> StartAsync(Scenario scenario, int rows)
    {
        var directory = Directory.CreateTempSubdirectory("usermgmt-throughput-").FullName;
        var host = await SandboxHost.StartAsync(new SandboxOptions { Urls = "http://127.0.0.1:0", DatabasePath = Path.Combine(directory, "sandbox.db") });
        var sandbox = new RunSandbox(host, directory);
        sandbox.Seed(scenario, rows);
        return sandbox;
    }

    private void Seed(Scenario scenario, int rows)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO users (id, email, first_name, last_name, email_verified, last_access_on, created_on, updated_on) " +
                             "VALUES (@id, @e, 'Bench', 'User', 1, @t, @t, @t)";
        var id = insert.Parameters.Add("@id", SqliteType.Text);
        var email = insert.Parameters.Add("@e", SqliteType.Text);
        var at = insert.Parameters.Add("@t", SqliteType.Integer);
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000;
        var order = 0;
        void Add(string userId, string address)
        {
            (id.Value, email.Value, at.Value) = (userId, address, start + ++order);
            insert.ExecuteNonQuery();
        }
        // The users the rows name come last, as the newest: none is on the directory's first page.
        for (var i = 1; i <= scenario.OtherUsers; i++) Add(Addresses.OtherId(i), Addresses.Other(i));
        if (scenario.Change != Change.Invite)
            for (var i = 1; i <= rows; i++) Add(Addresses.MemberId(i), Addresses.Member(i));
        using var group = connection.CreateCommand();
        group.CommandText = "INSERT INTO groups (id, name, created_at) VALUES (@id, @n, @t)";
        group.Parameters.AddWithValue("@id", Addresses.GroupId);
        group.Parameters.AddWithValue("@n", Addresses.GroupName);
        group.Parameters.AddWithValue("@t", start);
        group.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>How many rows the run changed, read from the file: what every approach is held to.</summary>
    public int RowsDone(Change change)
    {
        using var connection = Open();
        using var count = connection.CreateCommand();
        count.CommandText = change switch
        {
            Change.Invite => "SELECT COUNT(*) FROM users WHERE email LIKE 'new%@example.com'",
            Change.Membership => $"SELECT COUNT(*) FROM memberships WHERE group_id = '{Addresses.GroupId}'",
            _ => $"SELECT COUNT(*) FROM users WHERE id LIKE 'member-%' AND attributes LIKE '%{Addresses.Department}%'",
        };
        return Convert.ToInt32(count.ExecuteScalar());
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Host.Database.Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
