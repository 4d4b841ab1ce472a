using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// CCAI Platform's jobs as a user meets them: rows a lost platform failed are piped back and end
/// right, and a plan that changes one person many ways is one job whose end is the plan's.
/// </summary>
public sealed class CcaiJobAttackTests : ModuleTest
{
    protected override string? Provider => null;

    private const string Uploads = "/apps/api/v1/bulk/users/upload";

    [Fact]
    public async Task Rows_failed_by_a_refused_upload_piped_back_as_they_are_end_right_in_one_job()
    {
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        var rows = CsvRows.From("""
            Email,Group
            ada.lovelace@example.com,Contractors
            ben.okafor@example.com,Read-Only-Access
            chloe.martin@example.com,Contractors
            """);
        // Every upload fails without being processed: the platform keeps nothing, and each row must say so.
        Sandbox.InjectFaults(new FaultSettings { ServerErrorRate = 1, Methods = "POST" });

        var first = Shell.Run("$input | Add-UserGroup -ErrorVariable failed; $global:failedRows = $failed.TargetObject", rows);
        Sandbox.InjectFaults(FaultSettings.None);
        await Sandbox.ClearRequestLogAsync();
        var again = Shell.Run("$global:failedRows | Add-UserGroup");

        Assert.Equal(["Failed", "Failed", "Failed"], first.Statuses());
        Assert.Equal(rows, first.Errors.Select(e => e.TargetObject));
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded"], again.Statuses());
        Assert.Equal(1, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Contains("Contractors", Sandbox.GroupsOf("ada.lovelace@example.com"));
        Assert.Contains("Read-Only-Access", Sandbox.GroupsOf("ben.okafor@example.com"));
        Assert.Contains("Contractors", Sandbox.GroupsOf("chloe.martin@example.com"));
    }

    [Fact]
    public async Task A_plan_changing_one_person_in_every_way_is_one_job_previewed_as_it_runs_and_ends_as_the_plan_says()
    {
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        const string ada = "ada.lovelace@example.com";
        var leave = Sandbox.GroupsOf(ada).First();
        var join = DemoOrganisation.GroupNames.First(g => !Sandbox.GroupsOf(ada).Contains(g));
        var stay = Sandbox.MembersOf(leave).Where(m => m != ada).ToList();
        var location = Sandbox.Query("SELECT location FROM users WHERE email = @e", r => r.IsDBNull(0) ? "" : r.GetString(0), ("@e", ada)).Single() == "Berlin" ? "Lisbon" : "Berlin";
        Assert.True(Sandbox.IsEnabled(ada));
        var plan = WritePlan($"""
            version: 1
            groups:
              - name: {leave}
                members: exact
                include: [{string.Join(", ", stay)}]
              - name: {join}
                include: [{ada}]
            attributes:
              {ada}: {"{"} location: {location}, agentNumber: A-77 {"}"}
            disable:
              - {ada}
            """);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Invoke-ReorgPlan $plan -WhatIf", ("plan", plan)).ThrowIfFailed();
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run("Invoke-ReorgPlan $plan -Force", ("plan", plan)).ThrowIfFailed();

        Assert.Equal(5, real.Statuses().Count);
        Assert.All(real.Statuses(), s => Assert.Equal("Succeeded", s));
        Assert.Equal(real.Statuses(), preview.Statuses().Select(s => s == "WhatIf" ? "Succeeded" : s));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", Uploads));
        Assert.DoesNotContain(leave, Sandbox.GroupsOf(ada));
        Assert.Contains(join, Sandbox.GroupsOf(ada));
        Assert.Equal(stay, Sandbox.MembersOf(leave));
        Assert.Equal([(location, "A-77")], Sandbox.Query("SELECT location, agent_number FROM users WHERE email = @e", r => (r.GetString(0), r.GetString(1)), ("@e", ada)));
        Assert.False(Sandbox.IsEnabled(ada));
    }

    [Fact]
    public async Task Only_the_rows_confirmed_go_into_the_job_and_the_declined_row_is_left_alone()
    {
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        string[] users = ["ada.lovelace@example.com", "ben.okafor@example.com", "chloe.martin@example.com"];
        Assert.All(users, u => Assert.True(Sandbox.IsEnabled(u)));
        foreach (var answer in new[] { "Y", "N", "Y" }) Shell.Host.Answers.Enqueue(answer);
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("$input | Disable-User", CsvRows.From("Email\n" + string.Join("\n", users)));

        Assert.Equal(3, Shell.Host.Prompts.Count);
        Assert.Equal(["Succeeded", "Skipped", "Succeeded"], run.Statuses());
        Assert.Equal(1, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal([false, true, false], users.Select(u => Sandbox.IsEnabled(u)));
    }

    private static string WritePlan(string yaml)
    {
        var plan = Path.Combine(Directory.CreateTempSubdirectory("usermgmt-attack-").FullName, "plan.yaml");
        File.WriteAllText(plan, yaml);
        return plan;
    }
}
