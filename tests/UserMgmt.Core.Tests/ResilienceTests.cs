using System.Net;
using Microsoft.Extensions.Time.Testing;
using UserMgmt.Providers;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>Retries, Retry-After, lost answers, cancellation and deadlines, against a misbehaving sandbox.</summary>
public sealed class ResilienceTests : SandboxTest
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Retry_After_is_waited_for_before_the_next_attempt(HttpStatusCode status)
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();
        Sandbox.AnswerNextWith(status, "application/json", """{"message":"slow down","status":false}""", retryAfterSeconds: 1);
        var log = new RecordingLog();

        IReadOnlyList<Model.Group> groups;
        using (CommandScope.Begin(log))
            groups = await connection.Client.ListGroupsAsync(default);

        // The policy's own delay is 10 ms: only the header explains a wait of a second.
        Assert.Contains($"Retry 1 of {TestSandbox.QuickRetry.MaxRetry} in 1000 ms after {(int)status} {status}", log.All);
        Assert.NotEmpty(groups);
        Assert.Equal(2, await Sandbox.CallsAsync("GET", "/admin/api/groups/"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Client_errors_are_never_retried(HttpStatusCode status)
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();
        Sandbox.AnswerNextWith(status, "application/json", """{"message":"no","status":false}""", times: TestSandbox.QuickRetry.MaxRetry + 1);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => connection.Client.ListGroupsAsync(default));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, await Sandbox.CallsAsync("GET", "/admin/api/groups/"));
    }

    [Fact]
    public async Task An_invitation_whose_answer_is_lost_is_confirmed_by_looking_not_by_inviting_again()
    {
        using var connection = await Sandbox.ConnectAsync();
        string[] emails = ["lost1@company.com", "lost2@company.com", "lost3@company.com"];
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(Rows.Invitations(emails, "Contractors"), default);
        Sandbox.InjectFaults(new FaultSettings { ResetAfterRate = 1, Methods = "POST" });
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, results.Add).ApplyAsync(plan.Steps, default);

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.All(results, r => Assert.Contains("confirmed", r.Message));
        Assert.All(emails, e => Assert.Equal(1, Sandbox.InvitationsSent(e)));
        Assert.All(emails, e => Assert.Equal(["Contractors"], Sandbox.GroupsOf(e)));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
    }

    [Fact]
    public async Task Invitations_lost_before_or_after_commit_end_with_everyone_invited_exactly_once()
    {
        using var connection = await Sandbox.ConnectAsync();
        var emails = Enumerable.Range(1, 300).Select(i => $"flaky{i}@company.com").ToList();
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(Rows.Invitations(emails, "Contractors"), default);
        Sandbox.InjectFaults(new FaultSettings { ResetBeforeRate = 0.3, ResetAfterRate = 0.3, ServerErrorRate = 0.2, Methods = "POST", Seed = 11 });
        var results = new List<OperationResult>();

        using (CommandScope.Begin(NullActivityLog.Instance, TestSandbox.QuickRetry with { MaxRetry = 12 }))
            await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Steps, default);

        Assert.Equal(Enumerable.Range(1, 300), results.Select(r => r.Row).Order());
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.All(emails, e => Assert.Equal(1, Sandbox.InvitationsSent(e)));
    }

    [Fact]
    public async Task Cancelling_mid_run_stops_new_requests_and_reports_every_row_not_done()
    {
        using var connection = await Sandbox.ConnectAsync();
        var emails = await InviteAsync(connection, 200);
        // Attribute changes go one row per call, so the run can stop between rows.
        var plan = await new CommandPlanner(connection.Client).PlanAttributesAsync(Departments(emails), default);
        Sandbox.InjectFaults(new FaultSettings { LatencyMs = 30, Methods = "PUT" });
        await Sandbox.ClearRequestLogAsync();
        var options = new ExecutionOptions { ThrottleLimit = 4 };
        using var cancel = new CancellationTokenSource();
        var results = new List<OperationResult>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PlanExecutor(connection.Client, r =>
        {
            lock (results)
            {
                results.Add(r);
                if (results.Count == 20) cancel.Cancel();
            }
        }, options).ApplyAsync(plan.Steps, cancel.Token));

        Assert.Equal(Enumerable.Range(1, 200), results.Select(r => r.Row).Order());
        var succeeded = results.Count(r => r.Status == OperationStatus.Succeeded);
        var notDone = results.Where(r => r.Status == OperationStatus.Failed).ToList();
        Assert.InRange(succeeded, 20 - options.ThrottleLimit, 20 + options.ThrottleLimit);
        Assert.All(notDone, r => Assert.StartsWith("Not done: the command was stopped", r.Message));
        Assert.InRange(await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}"), succeeded, succeeded + options.ThrottleLimit);
    }

    [Fact]
    public async Task The_deadline_stops_new_work_and_reports_what_is_left_as_not_done()
    {
        using var connection = await Sandbox.ConnectAsync();
        var emails = await InviteAsync(connection, 100);
        // Attribute changes go one row per call, so the run can stop between rows.
        var plan = await new CommandPlanner(connection.Client).PlanAttributesAsync(Departments(emails), default);
        await Sandbox.ClearRequestLogAsync();
        // The deadline passes, on the executor's clock, once ten rows are settled.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ExecutionOptions { ThrottleLimit = 2, Deadline = clock.GetUtcNow().AddMinutes(1), Clock = clock };
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, r =>
        {
            lock (results)
            {
                results.Add(r);
                if (results.Count == 10) clock.Advance(TimeSpan.FromMinutes(1));
            }
        }, options).ApplyAsync(plan.Steps, default);

        Assert.Equal(Enumerable.Range(1, 100), results.Select(r => r.Row).Order());
        var succeeded = results.Count(r => r.Status == OperationStatus.Succeeded);
        var notDone = results.Where(r => r.Status == OperationStatus.Failed).ToList();
        Assert.InRange(succeeded, 10, 10 + options.ThrottleLimit);
        Assert.All(notDone, r => Assert.StartsWith("Not done: the deadline passed", r.Message));
        Assert.InRange(await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}"), succeeded, succeeded + options.ThrottleLimit);
    }

    private static List<AttributeRequest> Departments(List<string> emails) =>
        emails.Select((e, i) => new AttributeRequest(i + 1, $"row {i + 1}", e,
            new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Finance"] })).ToList();

    private static async Task<List<string>> InviteAsync(Connections.UserMgmtConnection connection, int count)
    {
        var emails = Seeding.Addresses("member", count).ToList();
        await connection.Client.InviteAsync(emails);
        return emails;
    }
}
