using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Reorganisation plans on CCAI Platform where its template lists only the teams someone holds
/// (memberships-without-value, ccai.md A8): a team nobody is in exists there, so a plan filling it is no
/// request to create it, and a plan wanting it absent has nothing to do.
/// </summary>
public sealed class CcaiPlanTests : ModuleTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usermgmt-ccai-plan-").FullName;

    protected override string? Provider => "Ccai";

    private string PlanFile(string yaml)
    {
        var path = Path.Combine(_folder, "plan.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private string FillContractors() => PlanFile("""
        version: 1
        groups:
          - name: Contractors
            members: additive
            include:
              - ada.lovelace@example.com
              - grace.hopper@example.com
        """);

    [Fact]
    public void A_plan_filling_a_team_nobody_is_in_previews_and_applies_it()
    {
        Assert.Empty(Sandbox.MembersOf("Contractors"));
        Sandbox.UseVariants(SandboxVariant.MembershipsWithoutValue);
        var path = FillContractors();

        var problems = Shell.Run("Test-ReorgPlan $path", ("path", path)).ThrowIfFailed();
        var preview = Shell.Run("Invoke-ReorgPlan $path -WhatIf", ("path", path)).ThrowIfFailed();
        var writesAfterPreview = Sandbox.Query("SELECT COUNT(*) FROM request_log WHERE method <> 'GET'", r => r.GetInt64(0)).Single();
        var applied = Shell.Run("Invoke-ReorgPlan $path -Confirm:$false", ("path", path)).ThrowIfFailed();

        Assert.Empty(problems.Output);
        Assert.Equal(["WhatIf", "WhatIf"], preview.Statuses());
        Assert.Equal(0, writesAfterPreview);
        Assert.Equal(["Succeeded", "Succeeded"], applied.Statuses());
        Assert.Equal(["ada.lovelace@example.com", "grace.hopper@example.com"], Sandbox.MembersOf("Contractors").Order());
    }

    [Fact]
    public void A_saved_plan_for_a_team_nobody_is_in_applies_later_and_is_not_taken_as_moved()
    {
        Sandbox.UseVariants(SandboxVariant.MembershipsWithoutValue);
        var saved = Path.Combine(_folder, "plan.json");
        Shell.Run("$null = New-ReorgPlan $path -OutFile $saved", ("path", FillContractors()), ("saved", saved)).ThrowIfFailed();

        var applied = Shell.Run("Invoke-ReorgPlan -PlanFile $saved -Confirm:$false", ("saved", saved)).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], applied.Statuses());
        Assert.Equal(2, Sandbox.MembersOf("Contractors").Count);
    }

    [Fact]
    public void A_plan_wanting_a_team_nobody_is_in_absent_has_nothing_to_do()
    {
        Sandbox.UseVariants(SandboxVariant.MembershipsWithoutValue);
        var path = PlanFile("""
            version: 1
            groups:
              - name: Contractors
                absent: true
            """);

        var problems = Shell.Run("Test-ReorgPlan $path", ("path", path)).ThrowIfFailed();
        var applied = Shell.Run("Invoke-ReorgPlan $path -Confirm:$false", ("path", path)).ThrowIfFailed();

        Assert.Empty(problems.Output);
        Assert.Empty(applied.Statuses());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
