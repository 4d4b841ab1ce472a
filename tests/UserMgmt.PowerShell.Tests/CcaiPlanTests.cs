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

    [Fact]
    public void A_plan_of_roles_previews_without_writing_asks_before_taking_a_role_away_and_then_holds()
    {
        var path = PlanFile("""
            version: 1
            roles:
              - name: supervisor
                include: [ben.okafor@example.com]
              - name: Admin
                members: exact
                include: [chloe.martin@example.com]
            """);

        var preview = Shell.Run("Invoke-ReorgPlan $path -WhatIf", ("path", path)).ThrowIfFailed();
        var writesAfterPreview = Sandbox.Query("SELECT COUNT(*) FROM request_log WHERE method <> 'GET'", r => r.GetInt64(0)).Single();
        Shell.Host.Answers.Enqueue("N");
        var asked = Shell.Run("Invoke-ReorgPlan $path", ("path", path)).ThrowIfFailed();

        Assert.Equal(["WhatIf", "WhatIf", "WhatIf"], preview.Statuses());
        Assert.Equal(0, writesAfterPreview);
        Assert.Single(Shell.Host.Prompts);
        Assert.Equal(["GrantRole:Succeeded", "GrantRole:Succeeded", "RevokeRole:Skipped"],
            asked.Output.Select(r => $"{r.Text("Operation")}:{r.Text("Status")}").Order());
        Assert.Equal(["Agent", "Supervisor"], Sandbox.RolesOf("ben.okafor@example.com"));
        Assert.Equal(["ada.lovelace@example.com", "chloe.martin@example.com"], Sandbox.HoldersOf("Admin"));

        var forced = Shell.Run("Invoke-ReorgPlan $path -Force", ("path", path)).ThrowIfFailed();

        Assert.Equal(["RevokeRole:Succeeded"], forced.Output.Select(r => $"{r.Text("Operation")}:{r.Text("Status")}"));
        Assert.Equal(["chloe.martin@example.com"], Sandbox.HoldersOf("Admin"));
    }

    [Fact]
    public void Roles_listed_by_Get_Role_and_piped_into_the_plan_commands_change_nothing()
    {
        var before = Sandbox.Query("SELECT COUNT(*) FROM user_roles", r => r.GetInt64(0)).Single();

        Shell.Run("Get-Role | Invoke-ReorgPlan -ErrorAction SilentlyContinue");
        Shell.Run("Get-Role | New-ReorgPlan -ErrorAction SilentlyContinue");

        Assert.Equal(0, Sandbox.Query("SELECT COUNT(*) FROM request_log WHERE method <> 'GET'", r => r.GetInt64(0)).Single());
        Assert.Equal(before, Sandbox.Query("SELECT COUNT(*) FROM user_roles", r => r.GetInt64(0)).Single());
    }

    [Fact]
    public void Checking_a_plan_of_roles_alone_counts_its_roles()
    {
        var path = PlanFile("version: 1\nroles:\n  - name: Supervisor\n    include: [ben.okafor@example.com]\n");

        var checkedPlan = Shell.Run("Test-ReorgPlan $path -Verbose", ("path", path)).ThrowIfFailed();

        Assert.Empty(checkedPlan.Output);
        Assert.Contains("1 role(s)", Assert.Single(checkedPlan.Verbose).Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
