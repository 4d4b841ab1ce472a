using System.Net;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>Every row ends as exactly one true result, whatever the platform answers.</summary>
public sealed class RowOutcomeTests : SandboxTest
{
    private const string Ed = "ed@company.com";

    /// <summary>Sixty addresses that contain "ed@company.com", created before it, so a search lists them first.</summary>
    private async Task<List<string>> LookAlikesAsync(Connections.UserMgmtConnection connection)
    {
        var lookAlikes = Enumerable.Range(1, 60).Select(i => $"user{i:D2}ed@company.com").ToList();
        await connection.Client.InviteUsersAsync(lookAlikes, [], false, default);
        return lookAlikes;
    }

    [Fact]
    public async Task A_user_is_found_by_address_however_many_others_contain_it()
    {
        using var connection = await Sandbox.ConnectAsync();
        await LookAlikesAsync(connection);
        await connection.Client.InviteUsersAsync([Ed], (IReadOnlyList<Model.Group>)[], false, default);

        var found = await new DirectoryQueries(connection.Client).FindUserAsync(Ed, default);
        var disabled = await Rows.ApplyAsync(connection, p => p.PlanUserStateAsync([new UserStateRequest(1, "row 1", Ed)], enable: false, default));

        Assert.Equal(Ed, found?.Email);
        Assert.Equal(OperationStatus.Succeeded, Assert.Single(disabled).Status);
        Assert.False(Sandbox.IsEnabled(Ed));
    }

    [Fact]
    public async Task A_lost_invitation_is_confirmed_among_many_look_alike_addresses()
    {
        using var connection = await Sandbox.ConnectAsync();
        await LookAlikesAsync(connection);
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(Rows.Invitations([Ed], "Contractors"), default);
        Sandbox.InjectFaults(new FaultSettings { ResetAfterRate = 1, Methods = "POST" });
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, results.Add).ApplyAsync(plan.Steps, default);

        Assert.Contains("confirmed", Assert.Single(results).Message);
        Assert.Equal(OperationStatus.Succeeded, results[0].Status);
        Assert.Equal(1, Sandbox.InvitationsSent(Ed));
    }

    [Fact]
    public async Task With_no_retries_a_lost_batch_is_looked_up_and_reported_as_done_not_as_already_existing()
    {
        using var connection = await Sandbox.ConnectAsync();
        string[] emails = ["once1@company.com", "once2@company.com", "once3@company.com"];
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(Rows.Invitations(emails, "Contractors"), default);
        Sandbox.InjectFaults(new FaultSettings { ResetAfterRate = 1, Methods = "POST" });
        var results = new List<OperationResult>();

        using (CommandScope.Begin(NullActivityLog.Instance, TestSandbox.QuickRetry with { MaxRetry = 0 }))
            await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Steps, default);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.All(results, r => Assert.Contains("confirmed", r.Message));
        Assert.All(emails, e => Assert.Equal(1, Sandbox.InvitationsSent(e)));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
    }

    [Fact]
    public async Task Invitations_cut_short_by_a_fatal_error_while_looking_say_they_may_have_been_applied()
    {
        using var connection = await Sandbox.ConnectAsync();
        string[] emails = ["cut1@company.com", "cut2@company.com"];
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(Rows.Invitations(emails, "Contractors"), default);
        // The invitation lands but its answer is lost; then every look-up loses its connection too.
        Sandbox.InjectFaults(new FaultSettings { ResetAfterRate = 1, Methods = "POST,GET" });
        var results = new List<OperationResult>();

        var error = await Record.ExceptionAsync(() =>
            new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Steps, default));
        Assert.True(error is ServiceUnreachableException, error?.ToString() + string.Join("\n", results));

        Assert.True(results.Count == 2, string.Join("\n", results));
        Assert.All(results, r => Assert.StartsWith("Not done:", r.Message));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
    }

    [Fact]
    public async Task A_success_status_carrying_the_platforms_failure_envelope_is_a_failed_row()
    {
        using var connection = await Sandbox.ConnectAsync();
        const string user = "envelope@company.com";
        await connection.Client.InviteUsersAsync([user], (IReadOnlyList<Model.Group>)[], false, default);
        var plan = await new CommandPlanner(connection.Client).PlanUserStateAsync([new UserStateRequest(1, "row 1", user)], enable: false, default);
        Sandbox.AnswerNextWith(HttpStatusCode.OK, "application/json", """{"status": false, "message": "Insufficient privileges"}""");
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, results.Add).ApplyAsync(plan.Steps, default);

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Equal("Insufficient privileges", result.Message);
        Assert.True(Sandbox.IsEnabled(user));
    }

    [Fact]
    public async Task An_answer_nobody_foresaw_fails_its_rows_and_every_other_row_is_still_reported()
    {
        using var connection = await Sandbox.ConnectAsync();
        var names = Enumerable.Range(1, 6).Select(i => $"New Team {i}").ToList();
        var plan = await new CommandPlanner(connection.Client).PlanNewGroupsAsync(
            names.Select((n, i) => new NewGroupRequest(i + 1, n, n, null)).ToList(), default);
        // Three creations answer "created" without the group's id, and the group lists read to find them (a search, then
        // every group) answer the same, so the groups are nowhere to be found.
        Sandbox.AnswerNextWith(HttpStatusCode.Created, "application/json", """{"message": "created", "status": true}""", times: 9);
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }, new ExecutionOptions { ThrottleLimit = 1 })
            .ApplyAsync(plan.Steps, default);

        Assert.Equal(Enumerable.Range(1, 6), results.Select(r => r.Row).Order());
        var failed = results.Where(r => r.Status == OperationStatus.Failed).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, r => Assert.Contains("no id", r.Message));
        Assert.Equal(3, results.Count(r => r.Status == OperationStatus.Succeeded));
    }
}
