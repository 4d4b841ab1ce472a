using UserMgmt.PowerShell.Tests.Coverage;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>The plan cmdlets, from a YAML file on disk, in each way a plan reaches Invoke-ReorgPlan.</summary>
public sealed class ReorgPlanCommandTests : ModuleTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("usermgmt-plan-").FullName;

    private string PlanFile(string yaml)
    {
        var path = Path.Combine(_folder, "plan.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private string NewTeamPlan() => PlanFile("""
        version: 1
        groups:
          - name: Customer Analytics
            members: additive
            include:
              - ada.lovelace@example.com
        """);

    [Fact]
    [Covers("Test-ReorgPlan")]
    public void Test_ReorgPlan_names_the_line_of_a_problem_and_passes_a_sound_plan()
    {
        var bad = PlanFile("version: 1\ngroups:\n  - name: X\n    members: sometimes\n");
        var problems = Shell.Run("Test-ReorgPlan $path", ("path", bad)).ThrowIfFailed();
        Assert.NotEmpty(problems.Output);
        Assert.Contains(":4:", problems.Output[0].ToString());

        var sound = Shell.Run("Test-ReorgPlan $path", ("path", NewTeamPlan())).ThrowIfFailed();
        Assert.Empty(sound.Output);
    }

    [Fact]
    [Covers("Invoke-ReorgPlan", "Path")]
    public void Invoke_ReorgPlan_from_a_yaml_file_applies_it_and_journals_it()
    {
        var path = NewTeamPlan();

        var results = Shell.Run("Invoke-ReorgPlan $path", ("path", path)).ThrowIfFailed();

        Assert.NotEmpty(results.Output);
        Assert.All(results.Output, r => Assert.Equal("Succeeded", r.Text("Status")));
        Assert.Equal(["ada.lovelace@example.com"], Sandbox.MembersOf("Customer Analytics"));
        Assert.True(File.Exists(path + ".journal.jsonl"));
    }

    [Fact]
    [Covers("New-ReorgPlan")]
    [Covers("Invoke-ReorgPlan", "Plan")]
    public void New_ReorgPlan_piped_into_Invoke_ReorgPlan()
    {
        var results = Shell.Run("New-ReorgPlan $path | Invoke-ReorgPlan", ("path", NewTeamPlan())).ThrowIfFailed();

        Assert.NotEmpty(results.Output);
        Assert.Equal(["ada.lovelace@example.com"], Sandbox.MembersOf("Customer Analytics"));
    }

    [Fact]
    [Covers("Invoke-ReorgPlan", "PlanFile")]
    public void A_saved_plan_applies_and_is_refused_once_the_platform_moved()
    {
        var saved = Path.Combine(_folder, "plan.json");
        Shell.Run("$null = New-ReorgPlan $path -OutFile $saved", ("path", NewTeamPlan()), ("saved", saved)).ThrowIfFailed();

        Shell.Run("Invoke-ReorgPlan -PlanFile $saved", ("saved", saved)).ThrowIfFailed();
        var again = Shell.Run("Invoke-ReorgPlan -PlanFile $saved", ("saved", saved));

        Assert.Equal(["ada.lovelace@example.com"], Sandbox.MembersOf("Customer Analytics"));
        // A statement-terminating error: the script goes on, the error is in the error stream.
        var stale = Assert.Single(again.Errors);
        Assert.Equal("UserMgmt.PlanStale,UserMgmt.Commands.InvokeReorgPlanCommand", stale.FullyQualifiedErrorId);
        Assert.Contains("group Customer Analytics", stale.Exception.Message);
    }

    [Fact]
    public void Taking_something_away_asks_even_at_the_default_preference_and_Force_does_not()
    {
        var path = PlanFile("version: 1\ndisable:\n  - ada.lovelace@example.com\n  - ben.okafor@example.com\n");
        Shell.Host.Answers.Enqueue("N");
        Shell.Host.Answers.Enqueue("Y");

        var asked = Shell.Run("Invoke-ReorgPlan $path", ("path", path)).ThrowIfFailed();

        Assert.Equal(2, Shell.Host.Prompts.Count);
        Assert.Equal(["Skipped", "Succeeded"], asked.Output.OrderBy(r => r.Text("Target")).Select(r => r.Text("Status")));
        Assert.True(Sandbox.IsEnabled("ada.lovelace@example.com"));
        Assert.False(Sandbox.IsEnabled("ben.okafor@example.com"));

        var forced = Shell.Run("Invoke-ReorgPlan $path -Force", ("path", path)).ThrowIfFailed();

        Assert.Equal(2, Shell.Host.Prompts.Count);
        Assert.False(Sandbox.IsEnabled("ada.lovelace@example.com"));
        Assert.Single(forced.Output);
    }

    void IDisposable.Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
