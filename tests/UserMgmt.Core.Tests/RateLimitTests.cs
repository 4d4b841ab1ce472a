using System.Net;
using UserMgmt.Providers.Acceldata;
using UserMgmt.Rest;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

public sealed class RateLimitTests : SandboxTest
{
    [Fact]
    public async Task A_declared_rate_keeps_concurrent_calls_under_the_platforms_limit()
    {
        const int perSecond = 10;
        Sandbox.InjectFaults(new FaultSettings { RequestsPerSecondPerKey = perSecond });
        var credential = TestSandbox.Credential();
        // No retries: a single 429 would surface as a failure.
        using var rest = new RestCore(Sandbox.BaseUri, new AcceldataKeyAuthenticator(credential), new SecretRedactor([]),
            RetryPolicy.Default with { MaxRetry = 0 }, requestsPerSecond: perSecond);

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ =>
            rest.SendAsync(new RestSharp.RestRequest("admin/api/users/count"), default)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(25, await Sandbox.CallsAsync("GET", "/admin/api/users/count"));
        Assert.Empty(Sandbox.Query("SELECT id FROM request_log WHERE status = 429", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task Without_a_declared_rate_a_burst_is_refused_by_the_platform()
    {
        // At one call a second, 25 calls pass unrefused only if they take 24 s to arrive: no machine is that slow.
        Sandbox.InjectFaults(new FaultSettings { RequestsPerSecondPerKey = 1 });
        using var connection = await Sandbox.ConnectAsync();

        var calls = Enumerable.Range(0, 25).Select(_ => connection.Client.ListUsersAsync(null, 0, 1, default));
        await Task.WhenAll(calls.Select(async c => { try { await c; } catch (ApiException) { } }));

        Assert.NotEmpty(Sandbox.Query("SELECT id FROM request_log WHERE status = 429", r => r.GetInt64(0)));
    }
}
