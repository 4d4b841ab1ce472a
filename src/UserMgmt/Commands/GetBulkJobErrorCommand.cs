using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Commands.Internal;

namespace UserMgmt.Commands;

/// <summary>The kinds of bulk job error to get.</summary>
public enum BulkErrorKindFilter
{
    All,
    Scheme,
    Update,
}

/// <summary>
/// Gets the errors the platform reported for bulk jobs: scheme errors (the file was refused) and
/// update errors (rows not applied, or applied with warnings), each traced to its input row and file.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BulkJobError", DefaultParameterSetName = JobSet)]
[OutputType(typeof(BulkJobError))]
public sealed class GetBulkJobErrorCommand : BulkJobCmdlet
{
    private const string JobSet = "Job";
    private const string IdSet = "Id";

    /// <summary>Jobs from Start-BulkJob keep their input rows, so their errors name the row and file.</summary>
    [Parameter(ParameterSetName = JobSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public BulkJob[] Job { get; set; } = [];

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    public long[] Id { get; set; } = [];

    [Parameter]
    public BulkErrorKindFilter Kind { get; set; } = BulkErrorKindFilter.All;

    protected override void ProcessRecord()
    {
        var client = BulkClient();
        var runner = new BulkJobRunner(client);
        var kinds = Kind switch
        {
            BulkErrorKindFilter.Scheme => new[] { BulkErrorKind.Scheme },
            BulkErrorKindFilter.Update => [BulkErrorKind.Update],
            _ => [BulkErrorKind.Scheme, BulkErrorKind.Update],
        };
        var jobs = ParameterSetName == JobSet ? Job : Id.Select(id => RunEngine(ct => client.GetJobAsync(id, ct))).ToArray();
        foreach (var job in jobs) WriteObject(RunEngine(ct => runner.ErrorsAsync(job, kinds, ct)), enumerateCollection: true);
    }
}
