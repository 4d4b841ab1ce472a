using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Invitations sent without a lookup meet known addresses only through the platform's refusal: the refusal is the
/// normal path then, not a retry, and a lost answer for such a batch does not say a known address was invited.
/// </summary>
public sealed class UncheckedInvitationTests : SandboxTest
{
    [Fact]
    public async Task With_no_retries_a_new_address_batched_with_a_known_one_is_still_sent()
    {
        using var connection = await Sandbox.ConnectAsync();

        List<OperationResult> results;
        using (CommandScope.Begin(NullActivityLog.Instance, TestSandbox.QuickRetry with { MaxRetry = 0 }))
            results = await InviteAsync(connection, ["fresh1@company.com", "ada.lovelace@example.com"]);

        Assert.True(results[0].Status == OperationStatus.Succeeded, results[0].ToString());
        Assert.Equal(OperationStatus.Skipped, results[1].Status);
        Assert.Equal(1, Sandbox.CountUsers("fresh1@company.com"));
    }

    [Fact]
    public async Task A_lost_answer_to_a_refused_batch_does_not_report_a_known_address_as_invited()
    {
        using var connection = await Sandbox.ConnectAsync();
        // The platform refuses the batch for ada (a user already) and the answer is lost; the resend's answer is lost too.
        Sandbox.InjectFaults(new FaultSettings { ResetAfterRate = 1, Methods = "POST" });

        var results = await InviteAsync(connection, ["fresh2@company.com", "ada.lovelace@example.com"]);

        Assert.Equal(OperationStatus.Succeeded, results[0].Status);
        Assert.Equal(1, Sandbox.InvitationsSent("fresh2@company.com"));
        Assert.True(results[1].Status == OperationStatus.Skipped, results[1].ToString());
        Assert.Equal("Already a user (Active).", results[1].Message);
        Assert.Equal(0, Sandbox.InvitationsSent("ada.lovelace@example.com"));
    }

    private static async Task<List<OperationResult>> InviteAsync(UserMgmtConnection connection, List<string> emails)
    {
        var planner = new CommandPlanner(connection.Client) { LooksUpInvitees = false };
        var plan = await planner.PlanInvitationsAsync(emails.Select((e, i) => new InvitationRequest(i + 1, null, e, [], false)).ToList(), default);
        Assert.All(plan.Steps, s => Assert.True(((InviteStep)s).Unchecked));
        var results = new List<OperationResult>(plan.Settled);
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Steps, default);
        return results.OrderBy(r => r.Row).ToList();
    }
}
