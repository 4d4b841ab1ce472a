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
            foreach (var file in GetResolvedProviderPathFromPSPath(path, out _))
            {
                var (plan, problems) = ReorgPlanParser.ParseFile(file);
                WriteObject(problems, enumerateCollection: true);
                if (plan is not null)
                    WriteVerbose($"{file}: {plan.Groups.Count} group(s), {plan.Attributes.Count} attribute value(s), {plan.Disable.Count} account(s) to disable; no problems.");
            }
    }
}
