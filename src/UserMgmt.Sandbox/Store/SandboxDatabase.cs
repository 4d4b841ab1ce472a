using Microsoft.Data.Sqlite;

namespace UserMgmt.Sandbox.Store;

/// <summary>
/// The SQLite file behind the sandbox. One gate serialises all access: a test server values
/// simple, all-or-nothing writes over throughput.
/// </summary>
public sealed class SandboxDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SandboxDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
    }

    public string Path { get; }

    /// <summary>
    /// Runs one unit of work in one transaction: all of it is committed, or — whatever it throws,
    /// a refusal, a constraint, a bug — none of it, so no pooled connection is ever handed on with a
    /// transaction still open.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, T> work)
    {
        await _gate.WaitAsync();
        try
        {
            using var connection = Open();
            // Deferred: the gate already keeps out other work of ours, so reads need not take the write lock.
            using var transaction = connection.BeginTransaction(deferred: true);
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RunAsync(Action<SqliteConnection> work) => RunAsync(c => { work(c); return true; });

    public void EnsureSchema()
    {
        // The journal mode cannot change inside a transaction, so it is set first, on its own.
        using (var connection = Open()) connection.Execute("PRAGMA journal_mode = WAL");
        RunAsync(c =>
        {
            c.Execute(Schema);
            // Databases made before these columns existed get them added.
            var columns = c.Query("PRAGMA table_info(users)", r => r.GetString(1));
            foreach (var (name, type) in CcaiUserColumns)
                if (!columns.Contains(name)) c.Execute($"ALTER TABLE users ADD COLUMN {name} {type}");
            // Written at every start, so a file the sandbox cannot write is refused now, not at the first call.
            c.Execute($"PRAGMA user_version = {SchemaVersion}");
        }).GetAwaiter().GetResult();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA foreign_keys = ON");
        return connection;
    }

    private const int SchemaVersion = 1;

    private static readonly (string Name, string Type)[] CcaiUserColumns =
    [
        ("agent_number", "TEXT"), ("location", "TEXT"), ("max_chat_limit", "INTEGER"), ("max_chat_limit_enabled", "INTEGER"),
    ];

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            first_name TEXT, last_name TEXT,
            enabled INTEGER NOT NULL DEFAULT 1,
            email_verified INTEGER NOT NULL DEFAULT 0,
            scim_managed INTEGER NOT NULL DEFAULT 0,
            attributes TEXT NOT NULL DEFAULT '{}',
            created_on INTEGER NOT NULL, updated_on INTEGER NOT NULL, last_access_on INTEGER);
        CREATE TABLE IF NOT EXISTS groups (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT,
            scim_managed INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS memberships (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, group_id));
        CREATE TABLE IF NOT EXISTS invitations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL, send_email INTEGER NOT NULL, at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS roles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            weight INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS user_roles (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, role_id));
        CREATE TABLE IF NOT EXISTS locations (
            name TEXT PRIMARY KEY COLLATE NOCASE);
        CREATE TABLE IF NOT EXISTS bulk_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at INTEGER NOT NULL, process_requested_at INTEGER,
            filename TEXT NOT NULL, rows_json TEXT NOT NULL,
            total_rows INTEGER NOT NULL, affected_rows INTEGER NOT NULL DEFAULT 0, failed_rows INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL, uploaded_by TEXT NOT NULL, proceeded_by TEXT);
        CREATE TABLE IF NOT EXISTS bulk_job_errors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id INTEGER NOT NULL REFERENCES bulk_jobs(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, message TEXT NOT NULL, column_number INTEGER, row_number INTEGER, error_type TEXT);
        CREATE TABLE IF NOT EXISTS request_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            method TEXT NOT NULL, path TEXT NOT NULL, endpoint TEXT NOT NULL,
            status INTEGER NOT NULL, at INTEGER NOT NULL);
        """;
}
