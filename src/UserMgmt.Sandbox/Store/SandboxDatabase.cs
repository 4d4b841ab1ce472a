using Microsoft.Data.Sqlite;

namespace UserMgmt.Sandbox.Store;

/// <summary>
/// The SQLite file behind the sandbox, in WAL mode: reads run side by side, each in a transaction of its own
/// that sees one committed state, and never wait for a write; writes go one at a time, as SQLite takes them,
/// each all or nothing.
/// </summary>
public sealed class SandboxDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SandboxDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, ForeignKeys = true }.ToString();
    }

    public string Path { get; }

    /// <summary>
    /// Runs one unit of work that may write, in one transaction: all of it is committed, or — whatever it throws,
    /// a refusal, a constraint, a bug — none of it, so no pooled connection is ever handed on with a
    /// transaction still open.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, T> work)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var connection = Open();
            // Immediate: the write lock is taken at the start, so a unit that reads then writes never finds
            // that someone outside the sandbox (a test's own connection) wrote in between.
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task RunAsync(Action<SqliteConnection> work) => RunAsync(c => { work(c); return true; });

    /// <summary>
    /// Runs work that only reads, beside other reads and writes: its transaction sees the state committed when
    /// its first statement ran, whatever is committed while it goes on, so a count and a page always agree.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = work(connection);
        transaction.Commit();
        return Task.FromResult(result);
    }

    public void EnsureSchema()
    {
        // The journal mode cannot change inside a transaction, so it is set first, on its own.
        using (var connection = Open()) connection.Execute("PRAGMA journal_mode = WAL");
        RunAsync(c =>
        {
            var searchKeyAdded = !c.Query("PRAGMA table_info(users)", r => r.GetString(1)).Contains("search_key");
            c.Execute(Schema);
            // Databases made before these columns existed get them added.
            var columns = c.Query("PRAGMA table_info(users)", r => r.GetString(1));
            foreach (var (name, type) in CcaiUserColumns.Append(("search_key", "TEXT COLLATE NOCASE")))
                if (!columns.Contains(name)) c.Execute($"ALTER TABLE users ADD COLUMN {name} {type}");
            c.Execute(Indexes);
            if (searchKeyAdded) c.Execute($"UPDATE users SET search_key = {SearchKey("users")}");
            // Written at every start, so a file the sandbox cannot write is refused now, not at the first call.
            c.Execute($"PRAGMA user_version = {SchemaVersion}");
        }).GetAwaiter().GetResult();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // In WAL mode a commit is safe from a crash of the sandbox without waiting for the disk; only a crash of the
        // machine may lose the last ones. A test server values the throughput more.
        connection.Execute("PRAGMA synchronous = NORMAL");
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
        CREATE TABLE IF NOT EXISTS organizations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS user_organizations (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, organization_id));
        CREATE TABLE IF NOT EXISTS identity_providers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            prefix TEXT NOT NULL,
            enabled INTEGER NOT NULL);
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
        CREATE TABLE IF NOT EXISTS directory_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            n INTEGER NOT NULL);
        INSERT OR IGNORE INTO directory_version (id, n) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS character_positions (n INTEGER PRIMARY KEY);
        WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 256)
        INSERT OR IGNORE INTO character_positions (n) SELECT n FROM k;
        """;

    /// <summary>The longest local part (before the @) <see cref="SearchKey"/> writes backwards; longer ones get the empty key.</summary>
    private const int MaxLocalPart = 255;

    /// <summary>
    /// A user's search key: the local part of the address written backwards, so that "the address ends in this local
    /// part", which a search for a whole address asks, is a range of an index. The empty key, which every such search
    /// reads too, stands where a backwards local part would not find every match: no @ or more than one, a local part
    /// longer than <see cref="MaxLocalPart"/>, or a name holding an @ (the search reads names as well).
    /// Built from SQLite's own functions, so a trigger keeps it whoever writes the row.
    /// </summary>
    private static string SearchKey(string row) => $"""
        CASE WHEN length({row}.email) - length(replace({row}.email, '@', '')) = 1
                  AND instr({row}.email, '@') <= {MaxLocalPart} + 1
                  AND instr(coalesce({row}.first_name, ''), '@') = 0 AND instr(coalesce({row}.last_name, ''), '@') = 0
             THEN coalesce((SELECT group_concat(substr({row}.email, n, 1), '' ORDER BY n DESC)
                            FROM character_positions WHERE n < instr({row}.email, '@')), '')
             ELSE '' END
        """;

    /// <summary>
    /// The indexes the endpoints' queries filter and sort on, and the triggers that keep what they read up to date
    /// whoever writes (the API, a bulk job, or a test writing to the file directly).
    /// </summary>
    private static readonly string Indexes = $"""
        CREATE INDEX IF NOT EXISTS users_by_listing ON users (created_on, email);
        CREATE INDEX IF NOT EXISTS users_by_search_key ON users (search_key);
        CREATE INDEX IF NOT EXISTS memberships_by_group ON memberships (group_id, user_id);
        CREATE INDEX IF NOT EXISTS groups_by_listing ON groups (created_at, name);
        CREATE INDEX IF NOT EXISTS bulk_job_errors_by_job ON bulk_job_errors (job_id, kind, id);
        CREATE TRIGGER IF NOT EXISTS users_search_key_on_insert AFTER INSERT ON users BEGIN
            UPDATE users SET search_key = {SearchKey("NEW")} WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER IF NOT EXISTS users_search_key_on_update AFTER UPDATE OF email, first_name, last_name ON users BEGIN
            UPDATE users SET search_key = {SearchKey("NEW")} WHERE rowid = NEW.rowid;
        END;
        -- Every change to which users a listing holds, or to their order, moves the version: pages remembered
        -- for keyset reads (UserListings) hold only while it stands.
        CREATE TRIGGER IF NOT EXISTS users_listing_on_insert AFTER INSERT ON users BEGIN
            UPDATE directory_version SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS users_listing_on_delete AFTER DELETE ON users BEGIN
            UPDATE directory_version SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS users_listing_on_update AFTER UPDATE OF created_on, email, first_name, last_name, enabled, scim_managed ON users BEGIN
            UPDATE directory_version SET n = n + 1;
        END;
        """;
}
