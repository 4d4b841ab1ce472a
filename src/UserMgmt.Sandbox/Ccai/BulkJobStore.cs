using System.Text.Json;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Ccai;

public sealed record BulkJobRecord(
    long Id, long CreatedAt, long? ProcessRequestedAt, string Filename, int TotalRows, int AffectedRows, int FailedRows,
    string Status, string UploadedBy, string? ProceededBy);

public sealed record JobError(string Message, int? Column, int? Row, string? ErrorType);

/// <summary>
/// CCAI bulk jobs: uploaded files, checked as they arrive (P2: the job "validates the json file scheme" on upload,
/// and proceed comes "after the JSON file schema is verified"), then processed on request.
/// </summary>
public sealed class BulkJobStore(SandboxDatabase database, SandboxOptions options)
{
    public static class States
    {
        public const string Created = "created";
        public const string ValidScheme = "valid_scheme";
        public const string InvalidScheme = "invalid_scheme";
        public const string InProgress = "in_progress";
        public const string Completed = "completed";
        public const string Failed = "failed";
    }

    private const string JobColumns =
        "id, created_at, process_requested_at, filename, total_rows, affected_rows, failed_rows, status, uploaded_by, proceeded_by";

    /// <summary>A new job for the file, answered as created (P1's upload answer), then checked.</summary>
    public Task<BulkJobRecord> CreateAsync(string filename, string json, string apiUser) => database.RunAsync(c =>
    {
        c.Execute("INSERT INTO bulk_jobs (created_at, filename, rows_json, total_rows, status, uploaded_by) VALUES (@t, @f, @j, @n, @s, @u)",
            ("@t", DirectoryStore.Now), ("@f", filename), ("@j", json), ("@n", CountRows(json)), ("@s", States.Created), ("@u", apiUser));
        var created = Find(c, c.Scalar<long>("SELECT last_insert_rowid()"))!;
        CheckScheme(c, created.Id, json);
        return created;
    });

    /// <summary>A new file for a job not yet asked to process, valid or not (P1: PUT with the job's id), checked afresh.</summary>
    public Task<BulkJobRecord> ReplaceFileAsync(long id, string filename, string json, string apiUser) => database.RunAsync(c =>
    {
        var job = Find(c, id) ?? throw SandboxError.NotFound($"Job {id} not found");
        if (job.ProcessRequestedAt is not null) throw SandboxError.Conflict($"Job {id} is {job.Status}; a job asked to process takes no new file");
        c.Execute("DELETE FROM bulk_job_errors WHERE job_id = @id", ("@id", id));
        c.Execute("UPDATE bulk_jobs SET filename = @f, rows_json = @j, total_rows = @n, uploaded_by = @u, status = @s, failed_rows = 0 WHERE id = @id",
            ("@f", filename), ("@j", json), ("@n", CountRows(json)), ("@u", apiUser), ("@s", States.Created), ("@id", id));
        var replaced = Find(c, id)!;
        CheckScheme(c, id, json);
        return replaced;
    });

    private void CheckScheme(SqliteConnection c, long id, string json)
    {
        var errors = BulkFile.Validate(json, out _, options.CcaiMaxChatLimit);
        foreach (var e in errors) AddError(c, id, "scheme", new JobError(e.Message, e.Column, e.Row, null));
        c.Execute("UPDATE bulk_jobs SET status = @s, failed_rows = @f WHERE id = @id",
            ("@s", errors.Count == 0 ? States.ValidScheme : States.InvalidScheme), ("@f", errors.Select(e => e.Row).Distinct().Count()), ("@id", id));
    }

    public Task<BulkJobRecord?> GetAsync(long id) => database.ReadAsync(c => Find(c, id));

    public Task<(List<BulkJobRecord> Jobs, int Total)> ListAsync(int page, int perPage) => database.ReadAsync(c =>
    {
        var total = (int)c.Scalar<long>("SELECT COUNT(*) FROM bulk_jobs");
        var jobs = c.Query($"SELECT {JobColumns} FROM bulk_jobs ORDER BY id DESC LIMIT @n OFFSET @o", ReadJob,
            ("@n", perPage), ("@o", CcaiEndpoints.Offset(page, perPage)));
        return (jobs, total);
    });

    /// <summary>Asks a checked job to process; a refused file or a second request is refused (no source gives the status codes).</summary>
    public Task<BulkJobRecord> ProceedAsync(long id, string apiUser) => database.RunAsync(c =>
    {
        var job = Find(c, id) ?? throw SandboxError.NotFound($"Job {id} not found");
        if (job.ProcessRequestedAt is not null) throw SandboxError.Conflict($"Job {id} was already asked to process; it is {job.Status}");
        if (job.Status == States.InvalidScheme) throw SandboxError.Unprocessable($"Job {id} has an invalid scheme and cannot be processed");
        c.Execute("UPDATE bulk_jobs SET process_requested_at = @t, proceeded_by = @u WHERE id = @id",
            ("@t", DirectoryStore.Now), ("@u", apiUser), ("@id", id));
        return Find(c, id)!;
    });

    public Task<List<JobError>> ErrorsAsync(long id, string kind) => database.ReadAsync(c =>
    {
        if (Find(c, id) is null) throw SandboxError.NotFound($"Job {id} not found");
        return c.Query("SELECT message, column_number, row_number, error_type FROM bulk_job_errors WHERE job_id = @id AND kind = @k ORDER BY id",
            r => new JobError(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.NullableString(3)),
            ("@id", id), ("@k", kind));
    });

    public Task MarkAsync(long id, string status) =>
        database.RunAsync(c => c.Execute("UPDATE bulk_jobs SET status = @s WHERE id = @id", ("@s", status), ("@id", id)));

    /// <summary>
    /// Applies every row of a checked file; rows the platform cannot apply become update errors.
    /// A job that fails outright changes nothing: its rows and its status go in one transaction.
    /// </summary>
    public Task ApplyAsync(long id) => database.RunAsync(c =>
    {
        BulkFile.Validate(c.Scalar<string>("SELECT rows_json FROM bulk_jobs WHERE id = @id", ("@id", id))!, out var rows);
        var rowApplier = new BulkRowApplier(c);
        int affected = 0, failed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var problems = rowApplier.Apply(rows[i], i + 1);
            problems.ForEach(p => AddError(c, id, "update", p));
            if (problems.Any(p => p.ErrorType == "error")) failed++; else affected++;
        }
        c.Execute("UPDATE bulk_jobs SET status = @s, affected_rows = @a, failed_rows = @f WHERE id = @id",
            ("@s", States.Completed), ("@a", affected), ("@f", failed), ("@id", id));
    });

    private static void AddError(SqliteConnection c, long id, string kind, JobError e) =>
        c.Execute("INSERT INTO bulk_job_errors (job_id, kind, message, column_number, row_number, error_type) VALUES (@j, @k, @m, @c, @r, @t)",
            ("@j", id), ("@k", kind), ("@m", e.Message), ("@c", e.Column), ("@r", e.Row), ("@t", e.ErrorType));

    private static BulkJobRecord? Find(SqliteConnection c, long id) =>
        c.Query($"SELECT {JobColumns} FROM bulk_jobs WHERE id = @id", ReadJob, ("@id", id)).FirstOrDefault();

    private static BulkJobRecord ReadJob(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.NullableInt64(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6),
        r.GetString(7), r.GetString(8), r.NullableString(9));

    private static int CountRows(string json)
    {
        try
        {
            var root = JsonSerializer.Deserialize<JsonElement>(json);
            return root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }
}
