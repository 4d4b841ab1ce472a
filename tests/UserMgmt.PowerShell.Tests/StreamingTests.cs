using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Faults;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Rows are planned and applied in windows while the input still arrives, and what one window learns carries to the
/// next: repeats, the state earlier rows leave, and a failure that stops the command.
/// </summary>
public sealed class StreamingTests : ModuleTest
{
    // Rows made one at a time by a script block, counting how many were made when the first result came out.
    private const string CountingSource = """
        $global:made = 0
        $global:madeAtFirstResult = $null
        & { foreach ($i in 1..$rows) { $global:made++; [pscustomobject]@{ Email = EMAIL } } } |
            COMMAND |
            ForEach-Object { if ($null -eq $global:madeAtFirstResult) { $global:madeAtFirstResult = $global:made }; $_ }
        """;

    /// <summary>Runs the command on rows whose Email is the expression given, of the row number $i.</summary>
    private Invocation RunCounting(string command, int rows, string email) =>
        Shell.Run(CountingSource.Replace("COMMAND", command).Replace("EMAIL", email), ("rows", rows));

    [Fact]
    public void The_first_results_come_out_while_the_input_is_still_arriving()
    {
        var run = RunCounting("Invite-User -WhatIf", 1500, "\"stream$i@company.com\"");

        var madeAtFirst = (int)Shell.Run("$global:madeAtFirstResult").ThrowIfFailed().Output.Single().BaseObject;
        Assert.Null(run.Stopped);
        Assert.InRange(madeAtFirst, 1, 1499);
        Assert.Equal(Enumerable.Range(1, 1500), run.InRowOrder().Select(o => (int)o.Properties["Row"].Value));
        Assert.All(run.Statuses(), s => Assert.Equal("WhatIf", s));
    }

    [Fact]
    public void A_repeat_far_down_the_input_is_still_a_duplicate_of_its_first_row()
    {
        var run = RunCounting("Invite-User -WhatIf", 1200, "$(if ($i -eq 1150) { 'Repeat.3@Company.com' } else { \"repeat.$i@company.com\" })");

        var repeat = run.InRowOrder()[1149];
        Assert.Equal("Skipped", repeat.Text("Status"));
        Assert.Equal("Duplicate of row 3.", repeat.Text("Message"));
        Assert.Equal(1199, run.Statuses().Count(s => s == "WhatIf"));
    }

    [Theory]
    [InlineData("-WhatIf", "WhatIf")]
    [InlineData("-Confirm:$false", "Succeeded")]
    public async Task A_change_repeated_in_a_later_window_is_seen_as_done(string mode, string firstStatus)
    {
        await Sandbox.ClearRequestLogAsync();
        // Row 1 adds kara; rows 2 to 1149 name nobody; row 1150 adds kara again, several windows later.
        var run = RunCounting($"Add-UserGroup -Group Analytics {mode} -ErrorAction SilentlyContinue", 1150,
            "$(if ($i -in 1, 1150) { 'kara.singh@example.com' } else { \"nobody.$i@example.com\" })");

        var rows = run.InRowOrder();
        Assert.Equal(firstStatus, rows[0].Text("Status"));
        Assert.Equal("Skipped", rows[1149].Text("Status"));
        Assert.Equal("Already in 'Analytics'.", rows[1149].Text("Message"));
        Assert.Equal(mode == "-WhatIf" ? 0 : 1, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public void A_platform_lost_in_the_first_window_leaves_every_later_row_answered_as_not_done()
    {
        Shell.Run("$global:demo = @(Get-User -All | ForEach-Object Email)").ThrowIfFailed();
        Sandbox.InjectFaults(new FaultSettings { ResetBeforeRate = 1, Methods = "PUT" });
        // The demo users are few: rows name them over and over, so the first window has changes to send.
        var run = RunCounting("Add-UserGroup -Group Contractors -ErrorAction SilentlyContinue", 700, "$global:demo[$i % $global:demo.Count]");
        Sandbox.InjectFaults(FaultSettings.None);

        // The command stops once every row has its result: a statement-terminating error, after the rows' own.
        Assert.Equal("UserMgmt.ServiceUnreachable", run.Errors[^1].FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(Enumerable.Range(1, 700), run.InRowOrder().Select(o => (int)o.Properties["Row"].Value));
        // The second window (rows 101 to 300) is planned while the first is applied, before the loss is known: its rows
        // already in the group are rightly skipped, the rest not done. From the third window on, nothing is even planned.
        Assert.All(run.InRowOrder().Skip(100).Take(200), r => Assert.Matches("^(Not done:|Already in 'Contractors'|.* is managed by SCIM)", r.Text("Message")));
        Assert.All(run.InRowOrder().Skip(300), r => Assert.StartsWith("Not done:", r.Text("Message")));
    }
}
