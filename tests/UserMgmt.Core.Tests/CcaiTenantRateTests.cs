using System.Net;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>P4: "The system limits requests to a rate of 10 request per second per customer": api users of one tenant share it.</summary>
public sealed class CcaiTenantRateTests : SandboxTest
{
    [Fact]
    public async Task Two_api_users_of_one_tenant_share_its_10_requests_a_second()
    {
        using var http = SandboxHttp.Client(Sandbox);
        // Warms the server on Acceldata's API, which CCAI's limit does not count, so the burst below arrives together.
        using (var warm = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", "/admin/api/users/count")))) warm.EnsureSuccessStatusCode();
        var route = new SandboxRoute("GET", "/apps/api/v1/users?per_page=1");
        string[] tokens = [SandboxOptions.DemoSecretKey, SandboxOptions.DemoReadOnlySecretKey];

        // Ten each: a limit per api user would take every one of them, whenever they arrive.
        var answers = await Task.WhenAll(tokens.SelectMany(token => Enumerable.Range(0, 10).Select(async _ =>
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, "", token));
            return answer.StatusCode;
        })));

        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"answered {a}"));
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }
}
