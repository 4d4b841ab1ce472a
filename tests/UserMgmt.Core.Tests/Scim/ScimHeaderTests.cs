using System.Net;
using System.Net.Sockets;
using System.Security;
using UserMgmt.Connections;
using UserMgmt.Providers.Scim;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Scim;

/// <summary>The headers every SCIM request carries, caught by a listener that answers each request with "no such user".</summary>
public sealed class ScimHeaderTests
{
    [Fact]
    public async Task Every_request_asks_for_SCIMs_own_media_type_first()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/scim/v2/");
        listener.Start();
        var caught = AnswerOnceAsync(listener);
        using var provider = new ScimProvider(new ConnectionSettings
        {
            Provider = "Scim",
            BaseUri = new Uri($"http://127.0.0.1:{port}/scim/v2/"),
            Credential = new ApiCredential("", Token("peer-token")),
            Retry = TestSandbox.QuickRetry,
        });

        Assert.Null(await provider.GetUserAsync("u-1", default));

        // RFC 7644 §3.8: services must take application/scim+json; application/json is only a "should".
        var accept = (await caught).Split(',').Select(t => t.Trim()).ToList();
        Assert.Equal("application/scim+json", accept[0]);
        Assert.Contains("application/json", accept);
    }

    private static async Task<string> AnswerOnceAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var accept = context.Request.Headers["Accept"] ?? "";
        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/scim+json";
        var body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"Resource u-1 not found"}"""u8.ToArray();
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
        return accept;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static SecureString Token(string text)
    {
        var token = new SecureString();
        foreach (var c in text) token.AppendChar(c);
        return token;
    }
}
