using Microsoft.Extensions.Time.Testing;
using UserMgmt.Operations;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A CCAI proceed answered with an error, or with none: the job itself says whether the platform runs it. A row whose
/// job runs is never told "failed" as if nothing happened; a row whose job never ran is never told it may have been applied.
/// </summary>
public sealed class CcaiProceedAnswerTests
{
    private static void OneResultEach(List<OperationResult> results, int rows) =>
        Assert.Equal(Enumerable.Range(1, rows), results.Select(r => r.Row));

    // A proceed refused although the platform runs the job (a proxy's retry got there first, say): the job is watched to its end.
    [Theory]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task A_proceed_answered_with_an_error_while_the_job_runs_ends_as_the_job_does(int code)
    {
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean with { ProceedAnsweredWith = code, ProceedTakenAnyway = true });

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Single(server.Files);
        Assert.Equal(1, server.Proceeds);
    }

    // The proceed reached the platform and its answer was lost; the status does not show the request yet, so the client
    // proceeds again, and the platform answers 409: the job runs all the same.
    [Fact]
    public async Task A_second_proceed_answered_409_after_a_lost_answer_ends_as_the_job_does()
    {
        var polls = 0;
        await using var server = await CcaiJobServer.StartAsync(
            _ => Volatile.Read(ref polls) <= 1 ? new JobEnding("valid_scheme") { Uncounted = true, ProcessRequestedAt = null } : JobEnding.Clean,
            onPoll: _ => Interlocked.Increment(ref polls), proceedAnswersLost: 1, secondProceedConflicts: true);

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        OneResultEach(results, 2);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Single(server.Files);
        Assert.Equal(1, server.Proceeds);
    }

    // Refused and not run: the job still waits for a proceed, so nothing was applied and nothing may be said to have been.
    [Theory]
    [InlineData(409)]
    [InlineData(422)]
    public async Task A_proceed_refused_while_the_job_still_waits_fails_each_row_once_as_not_applied(int code)
    {
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean with { ProceedAnsweredWith = code });

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains($"Proceed answered {code}", r.Message));
        Assert.All(results, r => Assert.DoesNotContain("may have been applied", r.Message));
        Assert.Equal(0, server.Proceeds);
    }

    // Answered 500 every time and never run: a 500 may hide a job that runs, so the rows say so, after one look and one retry.
    [Fact]
    public async Task A_proceed_answered_500_every_time_fails_each_row_once_as_maybe_applied()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean with { ProceedAnsweredWith = 500 });

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        OneResultEach(results, 2);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("may or may not have applied", r.Message));
        Assert.Single(server.Files);
    }

    // Proceeded, but the status never moves on from the scheme check: at the deadline the rows may still be applied.
    [Fact]
    public async Task A_job_whose_status_never_leaves_valid_scheme_after_its_proceed_ends_each_row_as_maybe_applied()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ExecutionOptions { Clock = clock, Deadline = clock.GetUtcNow().AddMinutes(1) };
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("valid_scheme") { Uncounted = true },
            onPoll: _ => clock.Advance(TimeSpan.FromMinutes(2)));

        var results = await server.AddToTeamAsync(2, HostileClient.Patience(), options);

        OneResultEach(results, 2);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
        Assert.Equal(1, server.Proceeds);
    }

    // A23: error logs the platform does not have. The job says every row was applied, but the client reads the logs for
    // warnings (a team left out) and cannot tell: each row fails once, saying it may have been applied.
    [Fact]
    public async Task Error_logs_answered_404_leave_each_row_one_result_that_may_have_been_applied()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => JobEnding.Clean with { ErrorLogsMissing = true });

        var results = await server.AddToTeamAsync(3, HostileClient.Patience());

        OneResultEach(results, 3);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("may have been applied", r.Message));
        Assert.Single(server.Files);
    }
}
