using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Commands.Internal;

namespace UserMgmt.Commands;

/// <summary>Waits until bulk jobs are finished, showing progress, and returns them as finished.</summary>
[Cmdlet(VerbsLifecycle.Wait, "BulkJob", DefaultParameterSetName = JobSet)]
[OutputType(typeof(BulkJob))]
public sealed class WaitBulkJobCommand : JobInputCmdlet
{
    private readonly List<BulkJob> _jobs = [];

    /// <summary>Seconds to wait; no limit when omitted.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int WaitTimeoutSec { get; set; }

    protected override void ProcessRecord() => _jobs.AddRange(JobsFromInput());

    protected override void EndProcessing()
    {
        if (_jobs.Count == 0) return;
        var runner = new BulkJobRunner(BulkClient());
        WriteObject(WaitWithProgress(runner, _jobs, Bound(nameof(WaitTimeoutSec)) ? TimeSpan.FromSeconds(WaitTimeoutSec) : null), enumerateCollection: true);
    }
}
