using System.Diagnostics;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;
using Xunit.Abstractions;

namespace UserMgmt.Tests;

/// <summary>
/// Ten thousand people invited and put into two groups while 30 % of all calls fail in every way the
/// sandbox knows, resets after commit included. The database, not the results, is the judge.
/// </summary>
public sealed class BulkUnderFaultsTests(ITestOutputHelper output) : SandboxTest
{
    private const int People = 10_000;
    private static readonly string[] TwoGroups = ["Contractors", "Read-Only-Access"];

    [Fact]
    public async Task Ten_thousand_invitations_and_memberships_land_exactly_once_despite_faults()
    {
        using var connection = await Sandbox.ConnectAsync();
        var emails = Enumerable.Range(1, People).Select(i => $"bulk{i:D5}@company.com").ToList();
        Sandbox.InjectFaults(new FaultSettings
        {
            ServerErrorRate = 0.10, ThrottleRate = 0.05, RetryAfterSeconds = 0, ResetBeforeRate = 0.075, ResetAfterRate = 0.075, Seed = 2026,
        });
        // Enough retries that 30 % faults cannot exhaust them (0.3^16 per call); short waits keep the run quick.
        var policy = new RetryPolicy(15, TimeSpan.FromMilliseconds(2), TimeSpan.FromSeconds(30));
        var options = new ExecutionOptions { ThrottleLimit = 16 };
        var clock = Stopwatch.StartNew();

        List<OperationResult> invited, grouped;
        using (CommandScope.Begin(NullActivityLog.Instance, policy))
        {
            invited = await RunAsync(connection, p => p.PlanInvitationsAsync(
                emails.Select((e, i) => new InvitationRequest(i + 1, e, e, null, false)).ToList(), default), options);
            grouped = await RunAsync(connection, p => p.PlanMembershipAsync(
                emails.Select((e, i) => new MembershipRequest(i + 1, e, e, TwoGroups)).ToList(), add: true, default), options);
        }
        output.WriteLine($"{People} invitations and {People} membership changes under 30 % faults in {clock.Elapsed.TotalSeconds:0.0} s");

        AssertOneSucceededResultPerRow(invited);
        AssertOneSucceededResultPerRow(grouped);
        Assert.Equal(People, Sandbox.Query("SELECT COUNT(*) FROM users WHERE email LIKE 'bulk%'", r => r.GetInt32(0)).Single());
        Assert.Empty(Sandbox.Query("SELECT email FROM invitations GROUP BY email HAVING COUNT(*) > 1", r => r.GetString(0)));
        Assert.Equal(People, Sandbox.Query("SELECT COUNT(*) FROM invitations WHERE email LIKE 'bulk%'", r => r.GetInt32(0)).Single());
        var membershipsPerUser = Sandbox.Query("""
            SELECT u.email, group_concat(g.name, '|') FROM users u
            LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN groups g ON g.id = m.group_id
            WHERE u.email LIKE 'bulk%' GROUP BY u.email
            """, r => (Email: r.GetString(0), Groups: r.IsDBNull(1) ? "" : r.GetString(1)));
        Assert.Equal(People, membershipsPerUser.Count);
        Assert.All(membershipsPerUser, m => Assert.Equal(TwoGroups, m.Groups.Split('|').Order()));
        var faulted = Sandbox.Query("SELECT COUNT(*) FROM request_log WHERE status IN (0, 429, 500, 503)", r => r.GetInt32(0)).Single();
        var total = Sandbox.Query("SELECT COUNT(*) FROM request_log", r => r.GetInt32(0)).Single();
        output.WriteLine($"{total} calls reached the sandbox, {faulted} of them faulted");
        Assert.InRange(faulted / (double)total, 0.25, 0.35);
    }

    private static async Task<List<OperationResult>> RunAsync(Connections.UserMgmtConnection connection,
        Func<CommandPlanner, Task<CommandPlan>> plan, ExecutionOptions options)
    {
        var planned = await plan(new CommandPlanner(connection.Client));
        var results = new List<OperationResult>(planned.Settled);
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }, options).ApplyAsync(planned.Steps, default);
        return results;
    }

    private static void AssertOneSucceededResultPerRow(List<OperationResult> results)
    {
        Assert.Equal(Enumerable.Range(1, People), results.Select(r => r.Row).Order());
        var notSucceeded = results.Where(r => r.Status != OperationStatus.Succeeded).Take(5).ToList();
        Assert.True(notSucceeded.Count == 0, string.Join("\n", notSucceeded));
        Assert.All(results, r => Assert.Equal((string)r.InputObject!, r.Target));
    }
}
