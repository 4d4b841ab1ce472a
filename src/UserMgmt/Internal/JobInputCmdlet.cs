using System.Management.Automation;
using UserMgmt.Bulk;

namespace UserMgmt.Commands.Internal;

/// <summary>Commands that act on existing bulk jobs, given as job objects from the pipeline or by id.</summary>
public abstract class JobInputCmdlet : BulkJobCmdlet
{
    protected const string JobSet = "Job";
    protected const string IdSet = "Id";

    /// <summary>Jobs from Start-BulkJob or Get-BulkJob; those from Start-BulkJob keep their input rows.</summary>
    [Parameter(ParameterSetName = JobSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public BulkJob[] Job { get; set; } = [];

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    [ArgumentCompleter(typeof(JobIdCompleter))]
    public long[] Id { get; set; } = [];

    /// <summary>The jobs this pipeline object names; jobs given by id are read from the platform (without input rows).</summary>
    internal IReadOnlyList<BulkJob> JobsFromInput() => ParameterSetName == JobSet
        ? Job
        : Id.Select(id => RunEngine(ct => BulkClient().GetJobAsync(id, ct))).ToList();
}
