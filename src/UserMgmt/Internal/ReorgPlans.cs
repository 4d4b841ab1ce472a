using UserMgmt.Plans;

namespace UserMgmt.Commands.Internal;

/// <summary>Parse and plan, shared by New-ReorgPlan and Invoke-ReorgPlan; problems become errors, and what the plan leaves out becomes warnings.</summary>
internal static class ReorgPlans
{
    public static ReorgPlan? Compute(UserMgmtCmdlet cmdlet, string file)
    {
        var (document, problems) = ReorgPlanParser.ParseFile(file);
        if (document is null)
        {
            foreach (var problem in problems) cmdlet.WriteError(PlanProblems.ToError(problem));
            return null;
        }
        var connection = cmdlet.Connected();
        var (plan, live) = cmdlet.RunEngine(ct => ReorgPlanner.PlanAsync(document, connection.Client, ct));
        foreach (var problem in live) cmdlet.WriteError(PlanProblems.ToError(problem));
        if (plan is null) return null;
        foreach (var note in plan.Notes) cmdlet.WriteWarning(note.ToString());
        cmdlet.WriteVerbose($"{file}: {plan.Summary}.");
        return plan;
    }
}
