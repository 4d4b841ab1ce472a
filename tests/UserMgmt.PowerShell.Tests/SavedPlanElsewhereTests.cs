using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// A plan made on one platform and applied on another is checked against the second one's capabilities
/// before anything is approved or sent: a change it cannot make stops the plan, -WhatIf included.
/// </summary>
public sealed class SavedPlanElsewhereTests : CcaiModuleTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usermgmt-elsewhere-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Invoke-ReorgPlan -PlanFile $saved -Force")]
    [InlineData("Invoke-ReorgPlan -PlanFile $saved -WhatIf")]
    [InlineData("$plan | Invoke-ReorgPlan -Force")]
    public async Task A_plan_creating_a_group_made_on_Acceldata_is_refused_on_CCAI_naming_platform_and_capability(string command)
    {
        var yaml = Path.Combine(_folder, "plan.yaml");
        var saved = Path.Combine(_folder, "plan.json");
        File.WriteAllText(yaml, "version: 1\ngroups:\n  - name: Night Shift\n    members: additive\n    include:\n      - ada.lovelace@example.com\n");
        Connect("Acceldata").ThrowIfFailed();
        Shell.Run("$global:plan = New-ReorgPlan $yaml -OutFile $saved", ("yaml", yaml), ("saved", saved)).ThrowIfFailed();
        ConnectCcai().ThrowIfFailed();
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run(command, ("saved", saved));

        var error = Assert.Single(run.Errors);
        Assert.Equal("UserMgmt.PlanUnsupported,UserMgmt.Commands.InvokeReorgPlanCommand", error.FullyQualifiedErrorId);
        Assert.Contains("CCAI Platform cannot create groups", error.Exception.Message);
        Assert.Contains("create   Night Shift", error.Exception.Message);
        Assert.Empty(run.Output);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.False(Sandbox.GroupExists("Night Shift"));
    }

    [Fact]
    public async Task A_plan_giving_a_location_CCAI_does_not_hold_is_refused_there_before_anything_is_sent()
    {
        var yaml = Path.Combine(_folder, "moves.yaml");
        var saved = Path.Combine(_folder, "moves.json");
        File.WriteAllText(yaml, "version: 1\nattributes:\n  ada.lovelace@example.com: { location: Mars }\n");
        Connect("Acceldata").ThrowIfFailed();
        Shell.Run("$null = New-ReorgPlan $yaml -OutFile $saved", ("yaml", yaml), ("saved", saved)).ThrowIfFailed();
        ConnectCcai().ThrowIfFailed();
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("Invoke-ReorgPlan -PlanFile $saved -Force", ("saved", saved));

        var error = Assert.Single(run.Errors);
        Assert.Equal("UserMgmt.PlanUnsupported,UserMgmt.Commands.InvokeReorgPlanCommand", error.FullyQualifiedErrorId);
        Assert.Contains("CCAI Platform has no location 'Mars'", error.Exception.Message);
        Assert.Empty(run.Output);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }
}
