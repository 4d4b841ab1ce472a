using Microsoft.Extensions.Time.Testing;
using UserMgmt.Operations;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A CCAI job that ends in a way the client did not plan for still gives every input row exactly one
/// result, never loops, and never tells a row "failed" as if nothing happened once its job ran.
/// </summary>
public sealed class CcaiJobEndingTests
{
    private static void OneResultEach(List<OperationResult> results, int rows) =>
        Assert.Equal(Enumerable.Range(1, rows), results.Select(r => r.Row));

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    [InlineData("done")]
    [InlineData("processing")]
    public async Task A_job_ending_in_a_status_nobody_documented_leaves_each_row_failed_as_maybe_applied(string status)
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding(status, FailedRows: 1));

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.Single(server.Files);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains(status, r.Message));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
    }

    [Fact]
    public async Task A_job_whose_status_comes_back_as_html_leaves_each_row_failed_as_maybe_applied()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean with { StatusAsHtml = true });

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        OneResultEach(results, 2);
        Assert.Single(server.Files);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
    }

    [Fact]
    public async Task Failures_the_error_log_does_not_place_leave_each_row_failed_as_maybe_applied_after_one_job()
    {
        // The vendor's own example of an error log has "row": null.
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("completed", FailedRows: 1,
            UpdateErrors: """[{"message":"Something went wrong","column":null,"row":null}]"""));

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.Single(server.Files);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("Something went wrong", r.Message));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
    }

    [Fact]
    public async Task Rows_out_of_range_negative_or_named_twice_settle_their_own_row_and_send_the_others_again()
    {
        await using var server = await CcaiJobServer.StartAsync(job => job == 1
            ? new JobEnding("completed", FailedRows: 2, UpdateErrors: """
                [{"message":"zero","row":0},{"message":"negative","row":-1},{"message":"beyond","row":99},
                 {"message":"Team is full","column":11,"row":2},{"message":"Team is full again","column":11,"row":2}]
                """)
            : JobEnding.Clean);

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Failed, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal("Team is full (teams)", results[1].Message);
        Assert.Equal(2, server.Files.Count);
        Assert.Equal([CcaiJobServer.Email(1), CcaiJobServer.Email(3)], server.Files[1]);
    }

    [Fact]
    public async Task More_failed_rows_than_errors_listed_sends_the_unnamed_rows_again()
    {
        await using var server = await CcaiJobServer.StartAsync(job => job == 1
            ? new JobEnding("completed", FailedRows: 2, UpdateErrors: """[{"message":"Team is full","column":11,"row":1}]""")
            : JobEnding.Clean);

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        Assert.Equal([OperationStatus.Failed, OperationStatus.Succeeded, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal([CcaiJobServer.Email(2), CcaiJobServer.Email(3)], server.Files[1]);
    }

    [Fact]
    public async Task A_file_refused_without_naming_a_row_is_sent_once_and_every_row_fails_as_not_applied()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("invalid_scheme", SchemeErrors: """[{"message":"File is broken","row":null}]"""));

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.Single(server.Files);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("File is broken", r.Message));
        Assert.All(results, r => Assert.DoesNotContain("may have been applied", r.Message));
    }

    [Fact]
    public async Task A_file_refused_every_time_for_its_first_row_ends_with_no_more_jobs_than_rows()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("invalid_scheme", FailedRows: 1,
            SchemeErrors: """[{"message":"Last name is required","column":5,"row":1}]"""));

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.Equal(3, server.Files.Count);
        Assert.All(results, r => Assert.Equal((OperationStatus.Failed, "Last name is required (last_name)"), (r.Status, r.Message)));
    }

    [Fact]
    public async Task Stopped_while_the_job_never_leaves_in_progress_every_row_says_it_may_have_been_applied()
    {
        using var stop = new CancellationTokenSource();
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("in_progress"), onPoll: _ => stop.Cancel());

        var results = await server.AddToTeamAsync(3, stop.Token);

        OneResultEach(results, 3);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.StartsWith("Not done: the command was stopped", r.Message));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
    }

    [Fact]
    public async Task An_error_log_that_echoes_the_secret_does_not_put_it_in_a_result()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("completed", FailedRows: 1,
            UpdateErrors: $$"""[{"message":"Key {{HostileClient.Secret.Replace("\"", "\\\"")}} may not change users","row":1}]"""));

        var results = await server.AddToTeamAsync(1, HostileClient.Patience());

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Contains("may not change users", result.Message);
        Assert.DoesNotContain(HostileClient.Secret, result.Message);
    }

    [Fact]
    public async Task A_job_status_that_echoes_the_secret_does_not_put_it_in_a_result()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding($"refused for {HostileClient.Secret}", FailedRows: 1));

        var results = await server.AddToTeamAsync(1, HostileClient.Patience());

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.DoesNotContain(HostileClient.Secret, result.Message);
    }
    [Fact]
    public async Task At_the_deadline_while_the_job_never_leaves_in_progress_every_row_says_it_may_have_been_applied()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ExecutionOptions { Clock = clock, Deadline = clock.GetUtcNow().AddMinutes(1) };
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("in_progress"), onPoll: _ => clock.Advance(TimeSpan.FromMinutes(2)));

        var results = await server.AddToTeamAsync(2, HostileClient.Patience(), options);

        OneResultEach(results, 2);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.StartsWith("Not done: the deadline passed", r.Message));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
    }
    [Fact]
    public async Task A_proceed_lost_before_it_reached_a_job_checked_on_upload_is_sent_again()
    {
        // The platform checks a file's scheme when it is uploaded: "valid_scheme" alone does not say the job was proceeded.
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean, proceedsLost: 1);

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Single(server.Files);
        Assert.Equal(2, server.Server.Calls("/apps/api/v1/bulk/users/proceed"));
    }
    [Fact]
    public async Task A_file_refused_on_upload_has_its_refused_row_fail_alone_and_the_others_sent_again()
    {
        // The platform checks the scheme on upload and then refuses to proceed the job; its scheme errors still name the row.
        await using var server = await CcaiJobServer.StartAsync(job => job == 1
            ? new JobEnding("invalid_scheme", FailedRows: 1, SchemeErrors: """[{"message":"Last name is required","column":5,"row":2}]""") { RefusedOnUpload = true }
            : JobEnding.Clean);

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Failed, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal("Last name is required (last_name)", results[1].Message);
        Assert.Equal([CcaiJobServer.Email(1), CcaiJobServer.Email(3)], server.Files[1]);
    }
    [Fact]
    public async Task A_row_for_someone_already_there_carries_both_names_the_file_requires()
    {
        // The vendor's file format lists first_name and last_name as required on every row.
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean);

        await server.AddToTeamAsync(2, HostileClient.Patience());

        var rows = Assert.Single(server.Uploaded).EnumerateArray().ToList();
        Assert.Equal(["First1 Last1", "First2 Last2"], rows.Select(r => $"{r.GetProperty("first_name").GetString()} {r.GetProperty("last_name").GetString()}"));
    }

    /// <summary>
    /// Issue 12 item 1 (ccai.md D1): the vendor names no final status, so a word the client does not know is
    /// not taken as the end while the platform has not counted the rows; the client polls on through it.
    /// </summary>
    [Fact]
    public async Task A_job_in_an_unknown_status_with_uncounted_rows_is_polled_on_until_counted_and_its_rows_succeed()
    {
        var polls = 0;
        await using var server = await CcaiJobServer.StartAsync(
            _ => Volatile.Read(ref polls) <= 2 ? new JobEnding("queued") { Uncounted = true } : new JobEnding("all_rows_processed"),
            onPoll: _ => Interlocked.Increment(ref polls));

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        OneResultEach(results, 2);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.True(Volatile.Read(ref polls) >= 3, $"polled {polls} time(s)");
        Assert.Single(server.Files);
    }
}
