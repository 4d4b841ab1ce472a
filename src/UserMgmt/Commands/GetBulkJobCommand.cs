using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Commands.Internal;

namespace UserMgmt.Commands;

/// <summary>Gets bulk jobs by id, or a page of the job list, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "BulkJob", DefaultParameterSetName = ListSet)]
[OutputType(typeof(BulkJob))]
public sealed class GetBulkJobCommand : BulkJobCmdlet
{
    private const string IdSet = "Id";
    private const string ListSet = "List";

    [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    [ArgumentCompleter(typeof(JobIdCompleter))]
    public long[] Id { get; set; } = [];

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int Page { get; set; } = 1;

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, 100)]
    public int PerPage { get; set; } = 25;

    protected override void ProcessRecord()
    {
        var client = BulkClient();
        if (ParameterSetName == ListSet)
        {
            WriteObject(RunEngine(ct => client.ListJobsAsync(Page, PerPage, ct)), enumerateCollection: true);
            return;
        }
        foreach (var id in Id) WriteObject(RunEngine(ct => client.GetJobAsync(id, ct)));
    }
}
