using System.Text.Json;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>Users, jobs and the template in CCAI's JSON shapes.</summary>
internal static class CcaiWireShapes
{
    public const string UserColumns =
        "u.id, u.email, u.first_name, u.last_name, u.agent_number, u.enabled, u.updated_on, u.location, u.max_chat_limit, u.max_chat_limit_enabled";

    public static Dictionary<string, object?> User(SqliteConnection c, SqliteDataReader r, IReadOnlyList<string> allRoles, IReadOnlyList<string> allTeams, bool everyRoleAndTeam)
    {
        var id = r.GetString(0);
        var roles = c.Query("SELECT ro.name FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = @id", x => x.GetString(0), ("@id", id));
        var teams = c.Query("SELECT g.name FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = @id", x => x.GetString(0), ("@id", id));
        var enabled = r.GetBoolean(5);
        return new Dictionary<string, object?>
        {
            ["id"] = id,
            ["email"] = r.GetString(1),
            ["first_name"] = r.NullableString(2),
            ["last_name"] = r.NullableString(3),
            ["agent_number"] = r.NullableString(4),
            ["status"] = enabled ? "Active" : "Inactive",
            ["deactivated_at"] = enabled ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)).ToString("O"),
            ["location"] = r.NullableString(7),
            ["max_chat_limit"] = r.IsDBNull(8) ? null : r.GetInt32(8),
            ["max_chat_limit_enabled"] = r.IsDBNull(9) ? null : r.GetInt32(9),
            ["roles"] = NameValues(everyRoleAndTeam ? allRoles : roles, roles),
            ["teams"] = NameValues(everyRoleAndTeam ? allTeams : teams, teams),
        };
    }

    public static object Job(BulkJobRecord j, IEnumerable<JobError> schemeErrors, IEnumerable<JobError> updateErrors, SandboxVariants variants)
    {
        // Under NullCounters nothing is counted before the file is checked, and no row's fate before the job ends.
        var nulls = variants.Has(SandboxVariant.NullCounters);
        var checkedFile = j.Status != BulkJobStore.States.Created;
        var ended = j.Status is not (BulkJobStore.States.Created or BulkJobStore.States.ValidScheme or BulkJobStore.States.InProgress);
        return new
        {
            id = j.Id,
            created_at = Iso(j.CreatedAt),
            process_requested_at = j.ProcessRequestedAt is { } at ? Iso(at) : null,
            filename = j.Filename,
            total_rows = nulls && !checkedFile ? null : (int?)j.TotalRows,
            affected_rows = nulls && !ended ? null : (int?)j.AffectedRows,
            failed_rows = nulls && !ended ? null : (int?)j.FailedRows,
            status = StatusWord(j.Status, variants),
            uploaded_api_user_name = j.UploadedBy,
            proceed_api_user_name = j.ProceededBy,
            scheme_errors = schemeErrors.Select(Error).ToList(),
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

    public static object Error(JobError e) => e.ErrorType is null
        ? new { message = e.Message, column = e.Column, row = e.Row }
        : new { message = e.Message, column = e.Column, row = e.Row, error_type = e.ErrorType };

    private static IEnumerable<object> NameValues(IEnumerable<string> names, IReadOnlyCollection<string> held) =>
        names.Select(n => new { name = n, value = held.Contains(n, StringComparer.OrdinalIgnoreCase) ? 1 : 0 });

    private static string Iso(long epochMs) => DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("O");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null };
}
