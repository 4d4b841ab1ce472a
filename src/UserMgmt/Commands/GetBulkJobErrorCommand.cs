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
public sealed class GetBulkJobErrorCommand : JobInputCmdlet
{
    [Parameter]
    public BulkErrorKindFilter Kind { get; set; } = BulkErrorKindFilter.All;

    protected override void ProcessRecord()
    {
        var runner = new BulkJobRunner(BulkClient());
        var kinds = Kind switch
        {
            BulkErrorKindFilter.Scheme => new[] { BulkErrorKind.Scheme },
            BulkErrorKindFilter.Update => [BulkErrorKind.Update],
            _ => [BulkErrorKind.Scheme, BulkErrorKind.Update],
        };
        foreach (var job in JobsFromInput()) WriteObject(RunEngine(ct => runner.ErrorsAsync(job, kinds, ct)), enumerateCollection: true);
    }
}
