using UserMgmt.Rest;

namespace UserMgmt.Bulk;

/// <summary>
/// Runs rows through a platform's bulk jobs: one job per batch, uploaded and proceeded, then
/// watched until the platform is done with it. An upload or proceed whose answer was lost is looked
/// up before it is repeated, so no batch becomes two jobs.
/// </summary>
public sealed class BulkJobRunner(IBulkJobClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<IReadOnlyList<BulkUserRow>> Split(IReadOnlyList<BulkUserRow> rows, int batchSize) =>
        rows.Chunk(Math.Max(1, batchSize)).Select(chunk => (IReadOnlyList<BulkUserRow>)chunk).ToList();

    /// <summary>A file name that identifies this batch among the platform's jobs.</summary>
    public static string FileName(string runId, int batch) => $"usermgmt-{runId}-part{batch:D3}.json";

    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// Checks rows against the platform's current template, reading only. A refused row is never uploaded:
    /// one bad row would fail the whole job's scheme check and stop the good rows with it.
    /// </summary>
    public async Task<BulkRowCheck> CheckAsync(IReadOnlyList<BulkUserRow> rows, CancellationToken cancellationToken)
    {
        var problems = BulkRowValidator.Validate(rows, await client.GetTemplateAsync(cancellationToken))
            .ToLookup(p => (p.SourceFile, p.SourceRow));
        var refused = rows.Where(r => problems.Contains((r.SourceFile, r.SourceRow)))
            .Select(r => new RefusedBulkRow(r, problems[(r.SourceFile, r.SourceRow)].ToList())).ToList();
        return new BulkRowCheck(rows.Where(r => !problems.Contains((r.SourceFile, r.SourceRow))).ToList(), refused);
    }

    public async Task<BulkJob> StartAsync(IReadOnlyList<BulkUserRow> batch, string filename, CancellationToken cancellationToken)
    {
        var job = await UploadOnceAsync(batch, filename, cancellationToken);
        try
        {
            return await ProceedOrLookAsync(job, cancellationToken);
        }
        catch (AmbiguousOutcomeException)
        {
            var latest = await client.GetJobAsync(job.Id, cancellationToken);
            return Waiting(latest) ? await ProceedOrLookAsync(job, cancellationToken) : latest with { Rows = job.Rows };
        }
    }

    /// <summary>
    /// Proceeds the job; a refusal is judged by the job itself. A file refused on upload cannot be proceeded, and the
    /// job, finished as invalid_scheme, still says which rows broke the rules. A job that no longer waits for its
    /// proceed runs (a proceed that got there first, its answer lost): it is watched like any other, so its rows are
    /// never reported as not applied while they may be.
    /// </summary>
    private async Task<BulkJob> ProceedOrLookAsync(BulkJob job, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ProceedAsync(job, cancellationToken);
        }
        catch (ApiException e) when (e is not (AmbiguousOutcomeException or AuthenticationFailedException) && (int?)e.StatusCode is >= 400 and < 500)
        {
            var latest = await client.GetJobAsync(job.Id, cancellationToken);
            if (Waiting(latest) && !latest.FileRefused) throw;
            return latest with { Rows = job.Rows };
        }
    }

    /// <summary>Not yet asked to run: the platform checks a file's scheme on upload, so a checked job may still wait for its proceed.</summary>
    private static bool Waiting(BulkJob job) => job.Status == "created" || (job.Status == "valid_scheme" && !job.ProcessRequested);

    private async Task<BulkJob> UploadOnceAsync(IReadOnlyList<BulkUserRow> batch, string filename, CancellationToken cancellationToken)
    {
        try
        {
            return await client.UploadAsync(batch, filename, cancellationToken);
        }
        catch (AmbiguousOutcomeException)
        {
            var recent = await client.ListJobsAsync(1, 50, cancellationToken);
            return recent.FirstOrDefault(j => j.Filename == filename) is { } uploaded
                ? uploaded with { Rows = batch }
                : await client.UploadAsync(batch, filename, cancellationToken);
        }
    }

    /// <summary>
    /// Polls until every job is finished or the timeout passes; reports each change of a job as it
    /// is seen. Returns the jobs as last seen, in the order given.
    /// </summary>
    public async Task<IReadOnlyList<BulkJob>> WaitAsync(IReadOnlyList<BulkJob> jobs, TimeSpan? timeout, Action<BulkJob> changed, CancellationToken cancellationToken)
    {
        var latest = jobs.ToArray();
        var until = timeout is { } t ? DateTimeOffset.Now + t : DateTimeOffset.MaxValue;
        while (latest.Any(j => !j.IsFinished) && DateTimeOffset.Now < until)
        {
            await Task.Delay(PollInterval, cancellationToken);
            for (var i = 0; i < latest.Length; i++)
            {
                if (latest[i].IsFinished) continue;
                var now = await client.GetJobAsync(latest[i].Id, cancellationToken) with { Rows = latest[i].Rows };
                if (now != latest[i]) changed(now);
                latest[i] = now;
            }
        }
        return latest;
    }

    public async Task<IReadOnlyList<BulkJobError>> ErrorsAsync(BulkJob job, IEnumerable<BulkErrorKind> kinds, CancellationToken cancellationToken)
    {
        var errors = new List<BulkJobError>();
        foreach (var kind in kinds) errors.AddRange(await client.GetErrorsAsync(job, kind, cancellationToken));
        return errors;
    }
}
