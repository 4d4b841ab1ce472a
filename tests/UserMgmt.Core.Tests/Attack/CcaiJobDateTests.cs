using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Operations;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Issue 12 item 4 for job answers (ccai.md D4, A13): no source shows the format of a job's dates, and
/// whether process_requested_at is set is what decides if a proceed whose answer was lost goes again.
/// </summary>
public sealed class CcaiJobDateTests
{
    private static readonly DateTimeOffset Moment = DateTimeOffset.Parse("2026-01-05T10:00:05Z");

    public static TheoryData<object> DatesOfOneMoment() =>
    [
        "2026-01-05T10:00:05Z",
        "2026-01-05T10:00:05.000Z",
        "2026-01-05T11:00:05+01:00",
        "2026-01-05T10:00:05",
        "2026-01-05 10:00:05",
        "2026-01-05 10:00:05 UTC",
        "Mon, 05 Jan 2026 10:00:05 GMT",
        1767607205L,
        "1767607205",
        1767607205000L,
    ];

    [Theory]
    [MemberData(nameof(DatesOfOneMoment))]
    public async Task A_job_date_in_any_common_form_reads_as_its_moment(object date)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/bulk/users/jobs/{id:long}",
            (long id) => Results.Json(new { id = id.ToString(), status = "in_progress", created_at = date, process_requested_at = date, total_rows = "2" })));
        using var provider = HostileClient.Client(server, "Ccai");

        var job = await provider.BulkJobs!.GetJobAsync(7, HostileClient.Patience());

        Assert.Equal((7L, 2), (job.Id, job.TotalRows));
        Assert.Equal((Moment, Moment), (job.CreatedAt, job.ProcessRequestedAt));
        Assert.True(job.ProcessRequested);
    }

    [Theory]
    [MemberData(nameof(DatesOfOneMoment))]
    [InlineData("next Tuesday")]
    [InlineData(true)]
    public async Task A_proceed_whose_answer_was_lost_is_not_sent_again_once_the_job_says_it_was_requested(object date)
    {
        // The platform took the proceed and the answer was lost; the job still waits, with its request dated.
        var polls = 0;
        await using var server = await CcaiJobServer.StartAsync(
            _ => Volatile.Read(ref polls) <= 1
                ? new JobEnding("valid_scheme") { Uncounted = true, ProcessRequestedAt = date }
                : JobEnding.Clean with { ProcessRequestedAt = date },
            onPoll: _ => Interlocked.Increment(ref polls), proceedAnswersLost: 1);

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal(1, server.Server.Calls("/apps/api/v1/bulk/users/proceed"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_job_waiting_without_a_request_date_is_proceeded_again_after_a_lost_answer(string? date)
    {
        var polls = 0;
        await using var server = await CcaiJobServer.StartAsync(
            _ => Volatile.Read(ref polls) <= 1
                ? new JobEnding("valid_scheme") { Uncounted = true, ProcessRequestedAt = date }
                : JobEnding.Clean,
            onPoll: _ => Interlocked.Increment(ref polls), proceedAnswersLost: 1);

        var results = await server.AddToTeamAsync(2, HostileClient.Patience());

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal(2, server.Server.Calls("/apps/api/v1/bulk/users/proceed"));
    }
}
