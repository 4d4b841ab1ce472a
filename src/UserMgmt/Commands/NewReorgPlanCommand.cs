using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Plans;

namespace UserMgmt.Commands;

/// <summary>
/// Reads a plan file and the live platform and returns the changes that would make them match, with a
/// summary; nothing is changed. -OutFile saves the plan for Invoke-ReorgPlan -PlanFile, which refuses
/// it if the platform has moved in the meantime.
/// </summary>
[Cmdlet(VerbsCommon.New, "ReorgPlan")]
[OutputType(typeof(ReorgPlan))]
public sealed class NewReorgPlanCommand : UserMgmtCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary>Where to save the plan (JSON).</summary>
    [Parameter]
    public string? OutFile { get; set; }

    protected override void ProcessRecord()
    {
        var file = GetUnresolvedProviderPathFromPSPath(Path);
        if (ReorgPlans.Compute(this, file) is not { } plan) return;
        if (OutFile is not null)
        {
            var target = GetUnresolvedProviderPathFromPSPath(OutFile);
            try
            {
                plan.Save(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.PlanUnsaved", ErrorCategory.WriteError, target));
            }
            WriteVerbose($"Saved the plan to {target}.");
        }
        WriteObject(plan);
    }
}
