using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>A reorganisation plan naming a SCIM-managed user: its preview must not promise what the platform then refuses.</summary>
public sealed class ScimManagedPlanTests : ModuleTest
{
    [Fact]
    public async Task A_plan_disabling_a_SCIM_managed_user_previews_what_the_real_run_does()
    {
        var plan = WritePlan($"version: 1\ndisable:\n  - {DemoOrganisation.ScimManagedEmail}\n");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Invoke-ReorgPlan $plan -WhatIf", ("plan", plan));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run("Invoke-ReorgPlan $plan -Force", ("plan", plan));

        var previewed = preview.Output.Select(o => o.Text("Status")).ToList();
        var done = real.Output.Select(o => o.Text("Status")).ToList();
        Assert.Equal(done, previewed.Select(s => s == "WhatIf" ? "Succeeded" : s).ToList());
        // Refused at its line in both, and nothing sent: the account stays as its identity provider left it.
        Assert.Contains(":3:", Assert.Single(preview.Errors).ToString());
        Assert.Contains("managed by SCIM", Assert.Single(real.Errors).ToString());
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.True(Sandbox.IsEnabled(DemoOrganisation.ScimManagedEmail));
    }

    [Fact]
    public async Task A_SCIM_managed_user_a_selector_picks_is_left_out_with_a_warning_and_the_rest_previews_as_it_runs()
    {
        var plan = WritePlan("version: 1\ngroups:\n  - name: Contractors\n    include:\n      - emailLike: \"*@example.com\"\n");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Invoke-ReorgPlan $plan -WhatIf", ("plan", plan));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run("Invoke-ReorgPlan $plan -Force", ("plan", plan));

        Assert.Contains($"{DemoOrganisation.ScimManagedEmail} is left out of 'Contractors'", Assert.Single(preview.Warnings).Message);
        Assert.Equal(real.Warnings.Select(w => w.Message), preview.Warnings.Select(w => w.Message));
        Assert.Equal(39, preview.Output.Count);
        Assert.Equal(real.Targets(), preview.Targets());
        Assert.All(real.Statuses(), s => Assert.Equal("Succeeded", s));
        Assert.Empty(real.Errors);
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf(DemoOrganisation.ScimManagedEmail));
    }

    private static string WritePlan(string yaml)
    {
        var plan = Path.Combine(Directory.CreateTempSubdirectory("usermgmt-attack-").FullName, "plan.yaml");
        File.WriteAllText(plan, yaml);
        return plan;
    }
}
