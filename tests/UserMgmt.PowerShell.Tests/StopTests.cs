using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Faults;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Stopping a running command (Ctrl+C) reports no row twice and nothing that did not happen, and keeps the rest to re-pipe.</summary>
public sealed class StopTests : ModuleTest
{
    [Fact]
    public void Stopped_midway_no_row_is_reported_twice_and_each_report_is_true()
    {
        var rows = CsvRows.From("Id\n" + string.Join("\n", Enumerable.Range(1, 20).Select(i => $"user-{i:D3}")));
        // Slow changes, one row per call (memberships would share one) and one call at a time: the stop
        // lands while most rows are still to do, with 19 s of work left, so no busy machine finishes first.
        Sandbox.InjectFaults(new FaultSettings { LatencyMs = 1000, Methods = "POST,PUT,PATCH,DELETE" });

        var (shell, running, output) = Shell.Begin("$rows | Disable-User -ThrottleLimit 1 -Confirm:$false", ("rows", rows));
        using (shell)
        using (var firstResult = new ManualResetEventSlim())
        {
            output.DataAdded += (_, _) => firstResult.Set();
            // Not a timing assertion: a guard against hanging forever if no result ever comes.
            Assert.True(firstResult.Wait(TimeSpan.FromMinutes(2)), "No result arrived.");
            shell.Stop();
            try { shell.EndInvoke(running); } catch (PipelineStoppedException) { }

            // PowerShell refuses every write once a pipeline is stopping, so rows not settled by then
            // cannot be reported; what was reported must be true, and reported once.
            var results = output.ToList();
            var reported = results.Select(r => (int)r.Properties["Row"].Value).ToList();
            Assert.Equal(reported.Distinct(), reported);
            Assert.InRange(reported.Count, 1, 19);
            var disabled = Sandbox.Query("SELECT id || ' ' || email FROM users WHERE enabled = 0", r => r.GetString(0));
            foreach (var done in results.Where(r => r.Text("Status") == "Succeeded"))
                Assert.True(disabled.Any(d => d.Split(' ').Contains(done.Text("Target"))), $"{done} is not disabled: {string.Join(", ", disabled)}");

            // The rows that got no result are kept as they came in, and finish the run when piped again.
            var notDone = Shell.Run("$UserMgmtNotDone").ThrowIfFailed().Output;
            var reportedIds = results.Select(r => ((PSObject)r.Properties["InputObject"].Value).Properties["Id"].Value).ToList();
            Assert.Equal(20, notDone.Count + reported.Count);
            Assert.Empty(notDone.Select(r => r.Properties["Id"].Value).Intersect(reportedIds));
            var ids = rows.Select(r => r.Properties["Id"].Value.ToString()!).ToHashSet();
            Assert.All(notDone, r => Assert.Contains(r.Properties["Id"].Value.ToString()!, ids));

            Sandbox.InjectFaults(FaultSettings.None);
            var finished = Shell.Run("$UserMgmtNotDone | Disable-User -Confirm:$false").ThrowIfFailed();
            Assert.Equal(notDone.Count, finished.Output.Count);
            var disabledIds = Sandbox.Query("SELECT id FROM users WHERE enabled = 0", r => r.GetString(0));
            Assert.Equal(20, disabledIds.Count(ids.Contains));
        }
    }
}
