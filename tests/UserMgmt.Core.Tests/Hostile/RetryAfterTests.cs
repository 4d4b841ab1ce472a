using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Rest;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Hostile;

/// <summary>Retry-After values a broken or hostile platform sends: waits are capped, nonsense is ignored.</summary>
public sealed class RetryAfterTests
{
    private const string Groups = "/admin/api/groups";

    [Theory]
    [InlineData("86400", "86400")]
    [InlineData("10000000000", "10000000000")]
    [InlineData("99999999999999999999999999999999", "99999999999999999999999999999999")]
    public async Task A_wait_longer_than_the_cap_is_not_waited_and_fails_clearly(string retryAfter, string shownAs)
    {
        await using var server = await ThrottlingServer(_ => retryAfter);
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains($"the platform asked to wait {shownAs} s, more than the {TestSandbox.QuickRetry.LongestServerWait.TotalSeconds:0} s", error.Message);
        Assert.Equal(1, server.Calls(Groups));
    }

    [Fact]
    public async Task A_date_far_ahead_is_not_waited_for_either()
    {
        await using var server = await ThrottlingServer(_ => DateTimeOffset.UtcNow.AddDays(1).ToString("r", CultureInfo.InvariantCulture));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Matches(@"the platform asked to wait 86[34]\d\d s, more than", error.Message);
        Assert.Equal(1, server.Calls(Groups));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("1.5")]
    [InlineData("past-date")]
    [InlineData("")]
    public async Task A_retry_after_that_makes_no_sense_falls_back_to_the_usual_backoff(string retryAfter)
    {
        var value = retryAfter == "past-date" ? DateTimeOffset.UtcNow.AddDays(-1).ToString("r", CultureInfo.InvariantCulture) : retryAfter;
        await using var server = await ThrottlingServer(_ => value);
        using var client = Hostile.Client(server);
        var log = new RecordingLog();

        ApiException error;
        using (CommandScope.Begin(log))
            error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("slow down", error.Message);
        Assert.Equal(TestSandbox.QuickRetry.MaxRetry + 1, server.Calls(Groups));
        Assert.Contains($"Retry {TestSandbox.QuickRetry.MaxRetry} of {TestSandbox.QuickRetry.MaxRetry}", log.All);
    }

    [Fact]
    public async Task A_wait_within_the_cap_is_cut_short_by_the_command_deadline()
    {
        await using var server = await ThrottlingServer(_ => "100");
        using var client = Hostile.Client(server);
        // The deadline reaches the REST core as the cancellation the command passes down.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        using var safetyNet = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, Hostile.Patience());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListGroupsAsync(safetyNet.Token));

        Assert.Equal(1, server.Calls(Groups));
    }

    private static Task<HostileServer> ThrottlingServer(Func<int, string> retryAfter)
    {
        var calls = 0;
        return HostileServer.StartAsync(app => app.MapGet(Groups, (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = retryAfter(Interlocked.Increment(ref calls));
            return Results.Json(new { message = "slow down", status = false }, statusCode: 429);
        }));
    }
}
