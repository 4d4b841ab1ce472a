using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Commands.Internal;

namespace UserMgmt.Commands;

/// <summary>
/// Gets the platform's bulk user template: every user as a bulk row, with current roles and teams.
/// Edit and pipe it back into Start-BulkJob, or export it as a starting spreadsheet.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BulkUserTemplate")]
[OutputType(typeof(BulkUserRow))]
public sealed class GetBulkUserTemplateCommand : BulkJobCmdlet
{
    protected override void EndProcessing()
    {
        var client = BulkClient();
        WriteObject(RunEngine(client.GetTemplateAsync).Rows, enumerateCollection: true);
    }
}
