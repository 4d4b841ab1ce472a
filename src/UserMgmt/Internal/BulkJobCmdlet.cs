using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Providers;

namespace UserMgmt.Commands.Internal;

/// <summary>What the bulk job cmdlets share: a connection to a platform that has bulk jobs.</summary>
public abstract class BulkJobCmdlet : UserMgmtCmdlet
{
    internal IBulkJobClient BulkClient()
    {
        var connection = ResolveConnection();
        if (connection.Client.BulkJobs is { } client) return client;
        ThrowTerminatingError(new ErrorRecord(
            new PSNotSupportedException($"{connection.Platform} has no bulk jobs; connect to a platform that has them "
                + $"(Connect-UserMgmt -Provider {string.Join(" or ", ProviderRegistry.All.Where(p => p.Capabilities.HasBulkJobs).Select(p => p.Name))})."),
            "UserMgmt.NoBulkJobs", ErrorCategory.InvalidOperation, connection));
        throw new InvalidOperationException();
    }

    /// <summary>Waits for the jobs with progress under one fixed activity id; returns them as last seen.</summary>
    internal IReadOnlyList<BulkJob> WaitWithProgress(BulkJobRunner runner, IReadOnlyList<BulkJob> jobs, TimeSpan? timeout)
    {
        const int activityId = ProgressReporter.ActivityId + 1;
        var latest = jobs.ToDictionary(j => j.Id);
        void Show(BulkJob changed)
        {
            latest[changed.Id] = changed;
            var finished = latest.Values.Count(j => j.IsFinished);
            WriteProgress(new ProgressRecord(activityId, "Waiting for bulk jobs",
                $"{finished} of {latest.Count} jobs finished; job {changed.Id} is {changed.Status}")
            {
                PercentComplete = latest.Count == 0 ? 100 : finished * 100 / latest.Count,
            });
        }

        var result = RunEngine(ct => runner.WaitAsync(jobs, timeout, changed => Dispatcher.Post(() => Show(changed)), ct));
        WriteProgress(new ProgressRecord(activityId, "Waiting for bulk jobs", "Done") { RecordType = ProgressRecordType.Completed });
        foreach (var job in result.Where(j => !j.IsFinished))
            WriteError(new ErrorRecord(new TimeoutException($"Job {job.Id} was not finished when the wait ended; the last status seen was '{job.Status}'."),
                "UserMgmt.BulkJobWaitTimedOut", ErrorCategory.OperationTimeout, job));
        foreach (var job in result) WarnIfFailed(job);
        return result;
    }

    /// <summary>Warns of a finished job the platform did not fully apply, saying what happened to its rows.</summary>
    internal void WarnIfFailed(BulkJob job)
    {
        if (!job.IsFinished || job.Succeeded) return;
        WriteWarning(job.Describe() + " Get-BulkJobError shows which rows and why.");
    }
}
