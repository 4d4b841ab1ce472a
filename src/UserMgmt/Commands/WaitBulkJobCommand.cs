using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Commands.Internal;

namespace UserMgmt.Commands;

/// <summary>Waits until bulk jobs are finished, showing progress, and returns them as finished.</summary>
[Cmdlet(VerbsLifecycle.Wait, "BulkJob", DefaultParameterSetName = JobSet)]
[OutputType(typeof(BulkJob))]
public sealed class WaitBulkJobCommand : BulkJobCmdlet
{
    private const string JobSet = "Job";
    private const string IdSet = "Id";
    private readonly List<BulkJob> _jobs = [];

    /// <summary>Jobs from Start-BulkJob or Get-BulkJob; those from Start-BulkJob keep their input rows.</summary>
    [Parameter(ParameterSetName = JobSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public BulkJob[] Job { get; set; } = [];

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    public long[] Id { get; set; } = [];

    /// <summary>Seconds to wait; no limit when omitted.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Timeout { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == JobSet) _jobs.AddRange(Job);
        else foreach (var id in Id) _jobs.Add(RunEngine(ct => BulkClient().GetJobAsync(id, ct)));
    }

    protected override void EndProcessing()
    {
        if (_jobs.Count == 0) return;
        var runner = new BulkJobRunner(BulkClient());
        WriteObject(WaitWithProgress(runner, _jobs, Bound(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : null), enumerateCollection: true);
    }
}
