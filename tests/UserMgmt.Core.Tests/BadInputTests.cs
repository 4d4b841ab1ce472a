using System.Net;
using UserMgmt.Providers;
using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Store;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>Bad rows fail alone with a message naming the field; everything else still happens.</summary>
public sealed class BadInputTests : SandboxTest
{
    // Canned answers go to whichever call comes next, so these tests send one call at a time.
    private static readonly ExecutionOptions OneAtATime = new() { ThrottleLimit = 1 };

    [Fact]
    public async Task Missing_and_malformed_emails_fail_their_rows_and_the_good_rows_are_invited()
    {
        using var connection = await Sandbox.ConnectAsync();
        string?[] emails = ["good1@company.com", null, "not-an-email", "Ann <ann@company.com>", "good2@company.com", "trailing@dot."];

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(emails, "Contractors"), default));

        Assert.Equal(emails.Length, results.Count);
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Failed, OperationStatus.Failed, OperationStatus.Failed, OperationStatus.Succeeded, OperationStatus.Failed],
            results.Select(r => r.Status));
        Assert.Contains("no Email value", results[1].Message);
        Assert.Contains("'not-an-email' is not a valid email address", results[2].Message);
        Assert.Equal("row 3", results[2].InputObject);
        Assert.Equal(1, Sandbox.CountUsers("good1@company.com"));
        Assert.Equal(1, Sandbox.CountUsers("good2@company.com"));
    }

    [Fact]
    public async Task Unknown_group_fails_the_row_by_name_and_invites_nobody_into_it()
    {
        using var connection = await Sandbox.ConnectAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            [new InvitationRequest(1, null, "new@company.com", ["Contractors; Ghost Team"], false)], default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Equal("Group 'Ghost Team' does not exist.", result.Message);
        Assert.Equal(0, Sandbox.CountUsers("new@company.com"));
    }

    [Fact]
    public async Task Duplicate_rows_in_one_input_are_invited_once_and_the_repeat_names_the_first_row()
    {
        using var connection = await Sandbox.ConnectAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            Rows.Invitations(["dup@company.com", "other@company.com", "DUP@company.com"], "Contractors"), default));

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded, OperationStatus.Skipped], results.Select(r => r.Status));
        Assert.Equal("Duplicate of row 1.", results[2].Message);
        Assert.Equal(1, Sandbox.InvitationsSent("dup@company.com"));
    }

    [Fact]
    public async Task Repeated_membership_rows_for_one_user_make_one_change()
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(
            Rows.Memberships(["ada.lovelace@example.com", "user-001"], "Contractors"), add: true, default));

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Skipped], results.Select(r => r.Status));
        Assert.Equal(1, await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}/assign-groups"));
    }

    [Fact]
    public async Task A_user_that_does_not_exist_fails_its_row_and_the_others_still_change()
    {
        using var connection = await Sandbox.ConnectAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(
            Rows.Memberships(["nobody@example.com", "ben.okafor@example.com", "user-999"], "Contractors"), add: true, default));

        Assert.Equal([OperationStatus.Failed, OperationStatus.Succeeded, OperationStatus.Failed], results.Select(r => r.Status));
        Assert.Equal("No user has the email address 'nobody@example.com'.", results[0].Message);
        Assert.Equal("No user has the id 'user-999'.", results[2].Message);
        Assert.Contains("Contractors", Sandbox.GroupsOf("ben.okafor@example.com"));
    }

    [Fact]
    public async Task A_user_managed_by_SCIM_fails_when_planned_so_a_preview_says_the_same()
    {
        using var connection = await Sandbox.ConnectAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(
            Rows.Memberships([DemoOrganisation.ScimManagedEmail], "Contractors"), add: true, default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Null(result.HttpStatus);
        Assert.Contains("managed by SCIM", result.Message);
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf(DemoOrganisation.ScimManagedEmail));
    }

    [Fact]
    public async Task Wrong_credentials_stop_at_connect()
    {
        var settings = Sandbox.Settings(TestSandbox.Credential(secretKey: "wrong-secret-value"));

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => UserMgmtConnection.OpenAsync(settings, default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Invalid or missing access key", error.Message);
        Assert.DoesNotContain("wrong-secret-value", error.Message);
    }

    [Fact]
    public async Task Credentials_revoked_mid_run_report_every_row_not_done_and_stop()
    {
        using var connection = await Sandbox.ConnectAsync();
        var rows = Rows.Memberships(["ada.lovelace@example.com", "ben.okafor@example.com", "chloe.martin@example.com"], "Contractors");
        var plan = await new CommandPlanner(connection.Client).PlanMembershipAsync(rows, add: true, default);
        Sandbox.AnswerNextWith(HttpStatusCode.Unauthorized, "application/json", """{"message":"Key revoked","status":false}""");
        var results = new List<OperationResult>();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => new PlanExecutor(connection.Client, results.Add, OneAtATime).ApplyAsync(plan.Steps, default));

        Assert.Equal([1, 2, 3], results.Select(r => r.Row).Order());
        Assert.All(results, r => Assert.StartsWith("Not done:", r.Message));
    }

    [Fact]
    public async Task An_HTML_error_page_becomes_an_error_naming_the_request_and_the_page_title()
    {
        using var connection = await Sandbox.ConnectAsync();
        Sandbox.AnswerNextWith(HttpStatusCode.BadGateway, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            times: TestSandbox.QuickRetry.MaxRetry + 1);

        var error = await Assert.ThrowsAsync<ApiException>(() => connection.Client.ListGroupsAsync(default));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("GET /admin/api/groups", error.Message);
        Assert.Contains("HTML page instead of JSON (\"502 Bad Gateway\")", error.Message);
    }

    [Fact]
    public async Task An_HTML_page_with_status_200_is_not_taken_for_data()
    {
        using var connection = await Sandbox.ConnectAsync();
        Sandbox.AnswerNextWith(HttpStatusCode.OK, "text/html", "<!DOCTYPE html><html><title>Sign in</title></html>");

        var error = await Assert.ThrowsAsync<ApiException>(() => connection.Client.ListUsersAsync(null, 0, 10, default));

        Assert.Contains("HTML page instead of JSON", error.ServerMessage);
    }

    [Fact]
    public async Task Truncated_JSON_becomes_an_error_saying_so()
    {
        using var connection = await Sandbox.ConnectAsync();
        Sandbox.AnswerNextWith(HttpStatusCode.OK, "application/json", """{"message":"ok","status":true,"users":[{"userId":"u1","ema""");

        var error = await Assert.ThrowsAsync<ApiException>(() => connection.Client.ListUsersAsync(null, 0, 10, default));

        Assert.Contains("not valid JSON", error.ServerMessage);
        Assert.Contains("/admin/api/users/list", error.Resource);
    }

    [Fact]
    public async Task A_server_error_during_apply_fails_only_that_row_with_the_server_message()
    {
        using var connection = await Sandbox.ConnectAsync();
        var rows = Rows.Memberships(["ada.lovelace@example.com", "ben.okafor@example.com"], "Contractors");
        var plan = await new CommandPlanner(connection.Client).PlanMembershipAsync(rows, add: true, default);
        var attempts = TestSandbox.QuickRetry.MaxRetry + 1;
        // Each row is its own call (assign-groups); the first is refused on every attempt.
        Sandbox.AnswerNextWith(HttpStatusCode.InternalServerError, "application/json", """{"message":"Database unavailable","status":false}""", attempts);
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, results.Add, OneAtATime).ApplyAsync(plan.Steps, default);

        Assert.Equal([OperationStatus.Failed, OperationStatus.Succeeded], results.OrderBy(r => r.Row).Select(r => r.Status));
        var failed = results.Single(r => r.Row == 1);
        Assert.Equal("Database unavailable", failed.Message);
        Assert.Equal(500, failed.HttpStatus);
        Assert.Equal(attempts, failed.Attempts);
        Assert.Equal(1, results.Single(r => r.Row == 2).Attempts);
    }

    [Fact]
    public async Task An_address_created_by_someone_else_after_planning_is_skipped_and_the_rest_are_invited()
    {
        using var connection = await Sandbox.ConnectAsync();
        var rows = Rows.Invitations(["fresh1@company.com", "late@company.com", "fresh2@company.com"], "Contractors");
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(rows, default);
        await connection.Client.InviteUsersAsync(["late@company.com"], [], false, default);
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, results.Add).ApplyAsync(plan.Steps, default);

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Skipped, OperationStatus.Succeeded], results.OrderBy(r => r.Row).Select(r => r.Status));
        Assert.Contains("created since the plan was made", results.Single(r => r.Row == 2).Message);
        Assert.Equal(1, Sandbox.CountUsers("fresh1@company.com"));
        Assert.Equal(1, Sandbox.CountUsers("fresh2@company.com"));
        Assert.Equal(1, Sandbox.InvitationsSent("late@company.com"));
    }

    [Fact]
    public async Task A_batch_refused_for_one_bad_address_is_sent_one_by_one_so_only_that_row_fails()
    {
        using var connection = await Sandbox.ConnectAsync();
        var rows = Rows.Invitations(["ok1@company.com", "ok2@company.com"], "Contractors");
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(rows, default);
        Sandbox.AnswerNextWith(HttpStatusCode.BadRequest, "application/json", """{"message":"Invalid email address(es): ok1@company.com","status":false}""");
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, results.Add, OneAtATime).ApplyAsync(plan.Steps, default);

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded], results.OrderBy(r => r.Row).Select(r => r.Status));
        Assert.Equal(3, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
    }
}
