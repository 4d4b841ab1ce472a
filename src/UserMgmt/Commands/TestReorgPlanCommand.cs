using System.Management.Automation;
using UserMgmt.Plans;

namespace UserMgmt.Commands;

/// <summary>
/// Checks plan files without connecting: YAML syntax, known keys, value types, selectors, duplicate
/// groups and contradictions. Returns the problems found, each with file, line and column; none when
/// the plan is sound.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ReorgPlan")]
[OutputType(typeof(PlanProblem))]
public sealed class TestReorgPlanCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            IEnumerable<string> files;
            try
            {
                files = GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException e)
            {
                // One missing file among many is reported, and the others are still checked.
                WriteError(new ErrorRecord(e, "UserMgmt.PlanNotFound", ErrorCategory.ObjectNotFound, path));
                continue;
            }
            foreach (var file in files)
            {
                var (plan, problems) = ReorgPlanParser.ParseFile(file);
                WriteObject(problems, enumerateCollection: true);
                if (plan is not null)
                    WriteVerbose($"{file}: {plan.Groups.Count} group(s), {plan.Roles.Count} role(s), {plan.Attributes.Count} attribute value(s), {plan.Disable.Count} account(s) to disable; no problems.");
            }
        }
    }
}
