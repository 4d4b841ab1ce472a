using UserMgmt.Bulk;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Ccai;

/// <summary>
/// Runs users' changes as one bulk job, waits for the platform to finish it, and reads how each row
/// ended from the job's error logs (file row N is the Nth change).
/// </summary>
internal sealed class CcaiChangeJob(IBulkJobClient client, TimeSpan timeout)
{
    public async Task<IReadOnlyList<UserChangeOutcome>> RunAsync(IReadOnlyList<UserChange> changes, CancellationToken cancellationToken)
    {
        var runner = new BulkJobRunner(client);
        var rows = changes.Select((c, i) => CcaiMapper.ToRow(c, i + 1)).ToList();
        var job = await runner.StartAsync(rows, BulkJobRunner.FileName(BulkJobRunner.NewRunId(), 1), cancellationToken);
        try
        {
            return await OutcomesAsync(runner, job, rows, cancellationToken);
        }
        catch (ApiException e) when (!InvitationSender.IsFatal(e) && !job.FileRefused)
        {
            // The job was proceeded: whatever went wrong after that, its rows may have landed.
            throw new ApiException(e.Method, e.Resource, e.StatusCode, e.ServerMessage + UnitOfWork.MayHaveBeenApplied, e);
        }
    }

    private async Task<IReadOnlyList<UserChangeOutcome>> OutcomesAsync(BulkJobRunner runner, BulkJob job, List<BulkUserRow> rows, CancellationToken cancellationToken)
    {
        job = (await runner.WaitAsync([job], timeout, _ => { }, cancellationToken)).Single();
        var resource = $"bulk job {job.Id}";
        if (!job.IsFinished)
            throw new ApiException("wait for", resource, null,
                $"the platform had not finished the job after {timeout.TotalMinutes:0.#} minutes; the last status seen was '{job.Status}'");
        // Given up by the platform: which rows landed is unknown.
        if (job.BrokeDown) throw new ApiException("run", resource, null, job.Describe());

        // The status may carry the errors itself; otherwise the logs are read even when no row failed: a row
        // applied in part (a team or role left out) says so only as a warning.
        var errors = job.Errors.Count > 0 ? job.Errors : await runner.ErrorsAsync(job, [BulkErrorKind.Scheme, BulkErrorKind.Update], cancellationToken);
        job = job with { Errors = errors };
        var byRow = errors.Where(e => e.FileRow is >= 1 && e.FileRow <= rows.Count).ToLookup(e => e.FileRow!.Value);
        var unplaced = errors.Where(e => e.Severity == BulkErrorSeverity.Error && !byRow.Contains(e.FileRow ?? 0)).Select(Describe).ToList();
        var refusedRows = byRow.Count(r => r.Any(e => e.Severity == BulkErrorSeverity.Error));
        // The platform may report errors without their row: then no row without one of its own is known to have
        // landed, nor known not to have, unless the platform refused the whole file.
        var unknown = job.FileRefused || refusedRows < (job.FailedRows ?? 0)
            ? (unplaced.Count > 0 ? string.Join("; ", unplaced) : job.Describe()) + (job.FileRefused ? "" : UnitOfWork.MayHaveBeenApplied)
            : null;
        var leftOutUnplaced = errors.Where(e => e.Severity == BulkErrorSeverity.Warning && e.Column is "roles" or "teams" && !byRow.Contains(e.FileRow ?? 0)).ToList();
        return rows.Select(row => Outcome([.. byRow[row.SourceRow], .. leftOutUnplaced.Where(w => Concerns(w, row, rows))], unknown)).ToList();
    }

    /// <summary>
    /// Whether a warning of a role or team left out, which names no row, may be about this row: it is when the row changes a
    /// role or team the warning names, or when the warning names none that any row changes and this row changes one.
    /// </summary>
    private static bool Concerns(BulkJobError warning, BulkUserRow row, List<BulkUserRow> rows)
    {
        IReadOnlyList<string> Changed(BulkUserRow r) => warning.Column == "roles" ? [.. r.Roles, .. r.LeftRoles] : [.. r.Teams, .. r.LeftTeams];
        bool Named(BulkUserRow r) => Changed(r).Any(name => UserChangeOutcome.Names(warning.Message, name));
        return Changed(row).Count > 0 && (Named(row) || !rows.Any(Named));
    }

    /// <summary>
    /// A row with an error of its own was refused; a row whose fate is unknown (its file refused, or
    /// failures the platform did not place) can go again, since every row states the user as wanted;
    /// the rest were applied, with their warnings.
    /// </summary>
    private static UserChangeOutcome Outcome(List<BulkJobError> own, string? unknown)
    {
        if (own.FirstOrDefault(e => e.Severity == BulkErrorSeverity.Error) is { } refusal)
            return new(UserChangeResult.Refused, Describe(refusal));
        if (unknown is not null) return new(UserChangeResult.NotApplied, unknown);
        var warnings = own.Select(Describe).ToList();
        return warnings.Count == 0
            ? UserChangeOutcome.Applied
            : new(UserChangeResult.Applied, string.Join("; ", warnings))
            {
                GroupWarnings = own.Where(e => e.Column == "teams").Select(e => e.Message).ToList(),
                RoleWarnings = own.Where(e => e.Column == "roles").Select(e => e.Message).ToList(),
            };
    }

    private static string Describe(BulkJobError error) => error.Column is { } column ? $"{error.Message} ({column})" : error.Message;
}
