using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>A reorganisation plan naming a SCIM-managed user: its preview must not promise what the platform then refuses.</summary>
public sealed class ScimManagedPlanTests : ModuleTest
{
    [Fact(Skip = "defect: the reorganisation planner does not know SCIM-managed users, so -WhatIf shows their change and the real run fails it with 403")]
    public async Task A_plan_disabling_a_SCIM_managed_user_previews_what_the_real_run_does()
    {
        var plan = Path.Combine(Directory.CreateTempSubdirectory("usermgmt-attack-").FullName, "plan.yaml");
        File.WriteAllText(plan, $"version: 1\ndisable:\n  - {DemoOrganisation.ScimManagedEmail}\n");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Invoke-ReorgPlan $plan -WhatIf", ("plan", plan));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run("Invoke-ReorgPlan $plan -Force", ("plan", plan));

        var previewed = preview.Output.Select(o => o.Text("Status")).ToList();
        var done = real.Output.Select(o => o.Text("Status")).ToList();
        Assert.Equal(done, previewed.Select(s => s == "WhatIf" ? "Succeeded" : s).ToList());
    }
}
