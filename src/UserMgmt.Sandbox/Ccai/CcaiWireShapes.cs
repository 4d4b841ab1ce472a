using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>Users, jobs and the template in CCAI's JSON shapes.</summary>
internal static class CcaiWireShapes
{
    public const string UserColumns =
        "u.id, u.email, u.first_name, u.last_name, u.agent_number, u.enabled, u.updated_on, u.location, u.max_chat_limit, u.max_chat_limit_enabled, u.rowid, u.created_on";

    /// <summary>
    /// One user as /users (memberships held only) or the template (every role and team, each flagged)
    /// shows it, in the strict shape or in the open ones the variants name.
    /// </summary>
    public static Dictionary<string, object?> User(SqliteConnection c, SqliteDataReader r, IReadOnlyList<Named> allRoles, IReadOnlyList<Named> allTeams,
        bool everyRoleAndTeam, SandboxVariants variants)
    {
        var id = r.GetString(0);
        var roles = c.Query("SELECT ro.id, ro.name FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = @id",
            x => new Named(x.GetInt64(0).ToString(), x.GetString(1)), ("@id", id));
        var teams = c.Query("SELECT g.id, g.name FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = @id",
            x => new Named(x.GetString(0), x.GetString(1)), ("@id", id));
        var enabled = r.GetBoolean(5);
        var numeric = variants.Has(SandboxVariant.NumericIds);
        var loose = variants.Has(SandboxVariant.LooseUserFields);
        var agentNumber = r.NullableString(4);
        int? chatLimit = r.IsDBNull(8) ? null : r.GetInt32(8);
        int? chatLimitEnabled = r.IsDBNull(9) ? null : r.GetInt32(9);
        return new Dictionary<string, object?>
        {
            // P3 calls it a System ID without a type: the sandbox's own rowid stands for a numeric one.
            ["id"] = numeric ? r.GetInt64(10) : id,
            ["email"] = r.GetString(1),
            ["first_name"] = r.NullableString(2),
            ["last_name"] = r.NullableString(3),
            ["agent_number"] = numeric && long.TryParse(agentNumber, out var number) ? number : agentNumber,
            ["status"] = enabled ? "Active" : "Inactive",
            // P3: "no value" for an active user; the strict shape says null, the loose one an empty string.
            ["deactivated_at"] = enabled ? (loose ? "" : null) : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)).ToString("O"),
            ["location"] = r.NullableString(7),
            ["max_chat_limit"] = loose && chatLimit is null ? "" : chatLimit,
            ["max_chat_limit_enabled"] = loose ? chatLimitEnabled == 1 : chatLimitEnabled,
            ["roles"] = Memberships(everyRoleAndTeam ? allRoles : roles, roles, variants),
            ["teams"] = Memberships(everyRoleAndTeam ? allTeams : teams, teams, variants),
        };
    }

    /// <summary>A role or team by its id and name.</summary>
    public sealed record Named(string Id, string Name);

    /// <summary>Flagged {name, value} entries (P1's template), or, as other clients read them, the held ones alone as {id, name}.</summary>
    private static IEnumerable<object> Memberships(IEnumerable<Named> listed, IReadOnlyCollection<Named> held, SandboxVariants variants) =>
        variants.Has(SandboxVariant.MembershipsWithoutValue)
            ? held.Select(n => new { id = n.Id, name = n.Name })
            : listed.Select(n => new { name = n.Name, value = held.Any(h => string.Equals(h.Name, n.Name, StringComparison.OrdinalIgnoreCase)) ? 1 : 0 });

    public static object Job(BulkJobRecord j, IEnumerable<JobError> schemeErrors, IEnumerable<JobError> updateErrors, SandboxVariants variants)
    {
        // Under NullCounters nothing is counted before the file is checked, and no row's fate before the job ends.
        var nulls = variants.Has(SandboxVariant.NullCounters);
        var checkedFile = j.Status != BulkJobStore.States.Created;
        var ended = j.Status is not (BulkJobStore.States.Created or BulkJobStore.States.ValidScheme or BulkJobStore.States.InProgress);
        return new
        {
            id = JobId(j.Id, variants),
            created_at = Date(j.CreatedAt, variants),
            process_requested_at = j.ProcessRequestedAt is { } at ? Date(at, variants) : null,
            filename = j.Filename,
            total_rows = nulls && !checkedFile ? null : Counter(j.TotalRows, variants),
            affected_rows = nulls && !ended ? null : Counter(j.AffectedRows, variants),
            failed_rows = nulls && !ended ? null : Counter(j.FailedRows, variants),
            status = StatusWord(j.Status, variants),
            uploaded_api_user_name = j.UploadedBy,
            proceed_api_user_name = j.ProceededBy,
            scheme_errors = schemeErrors.Select(e => SchemeLogEntry(e, variants)).ToList(),
            update_errors = updateErrors.Select(Error).ToList(),
        };
    }

    /// <summary>
    /// The status as the platform words it. The vendor shows no word for a finished job, nor says the running
    /// words are the only ones: under OtherFinalStatus every word past the proceed is one no client can know.
    /// </summary>
    public static string StatusWord(string status, SandboxVariants variants) => !variants.Has(SandboxVariant.OtherFinalStatus) ? status : status switch
    {
        BulkJobStore.States.InProgress => "processing",
        BulkJobStore.States.Completed => "process_finished",
        BulkJobStore.States.InvalidScheme => "scheme_check_failed",
        _ => status,
    };

    /// <summary>
    /// A scheme error as the log and the status show it. Strict: a file-level problem (not JSON, not an array) has row null
    /// and a row's problem its row; under SchemeErrorsWithoutRow every one has row null, as P1's example does.
    /// </summary>
    public static object SchemeLogEntry(JobError e, SandboxVariants variants) =>
        Error(variants.Has(SandboxVariant.SchemeErrorsWithoutRow) ? e with { Row = null } : e);

    public static object Error(JobError e) => e.ErrorType is null
        ? new { message = e.Message, column = e.Column, row = e.Row }
        : new { message = e.Message, column = e.Column, row = e.Row, error_type = e.ErrorType };

    /// <summary>A job's id: a number, or under LooseJobFields its digits as text.</summary>
    public static object JobId(long id, SandboxVariants variants) =>
        variants.Has(SandboxVariant.LooseJobFields) ? id.ToString(CultureInfo.InvariantCulture) : id;

    private static object Counter(int count, SandboxVariants variants) =>
        variants.Has(SandboxVariant.LooseJobFields) ? count.ToString(CultureInfo.InvariantCulture) : count;

    /// <summary>ISO 8601 by default; no source shows the format, so the variants write the other common ones.</summary>
    private static object Date(long epochMs, SandboxVariants variants)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
        if (variants.Has(SandboxVariant.EpochDates)) return at.ToUnixTimeSeconds();
        if (variants.Has(SandboxVariant.LooseJobFields)) return at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return at.ToString("O");
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null };
}
