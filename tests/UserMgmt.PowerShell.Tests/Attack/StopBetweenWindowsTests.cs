using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// Ctrl+C while the input is still arriving and no window is being applied: the rows already taken into the next
/// window got no result, so they are the rows not done, not whatever an earlier command left in $UserMgmtNotDone.
/// </summary>
public sealed class StopBetweenWindowsTests : ModuleTest
{
    [Fact]
    public void Rows_waiting_for_their_window_when_stopped_are_kept_as_not_done()
    {
        Shell.Run("$global:UserMgmtNotDone = 'left by an earlier command'").ThrowIfFailed();
        using var taken = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        // 150 rows: the first window (100) is planned and answered; rows 101 to 150 wait for the next one while the
        // source waits (for a stop) before its next row. Writing a row runs the command's ProcessRecord before the
        // source goes on, so once $taken is set every row was taken.
        var (shell, running, output) = Shell.Begin("""
            & { foreach ($i in 1..150) { [pscustomobject]@{ Email = "nobody$i@example.com" } }; $taken.Set(); while (-not $never.Wait(20)) { } } |
                Add-UserGroup -Group Analytics -WhatIf -ErrorAction SilentlyContinue
            """, ("taken", taken), ("never", never));
        using (shell)
        {
            // Not a timing assertion: a guard against hanging forever.
            Assert.True(taken.Wait(TimeSpan.FromMinutes(2)), "The source never finished its rows.");
            shell.Stop();
            try { shell.EndInvoke(running); } catch (PipelineStoppedException) { }
        }

        var reported = output.Select(r => (int)r.Properties["Row"].Value).ToList();
        Assert.Equal(Enumerable.Range(1, 100), reported.Order());
        var notDone = Shell.Run("$UserMgmtNotDone").ThrowIfFailed().Output;
        Assert.Equal(Enumerable.Range(101, 50).Select(i => $"nobody{i}@example.com"), notDone.Select(r => r.Text("Email")));
    }
}
