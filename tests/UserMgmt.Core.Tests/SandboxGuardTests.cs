using System.Net;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// The sandbox as a guard: its admin surface needs its own key, keys are checked before anything
/// else happens to a call, and a read-only key changes nothing on any emulated API. Routes are read
/// from the running app, so a route added later is covered without touching these tests.
/// </summary>
public sealed class SandboxGuardTests : SandboxTest
{
    [Fact]
    public async Task Every_admin_endpoint_refuses_calls_without_the_admin_key_or_with_a_wrong_one()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var admin = SandboxHttp.Routes(Sandbox).Where(r => r.IsAdmin).ToList();
        Sandbox.InjectFaults(new FaultSettings { LatencyMs = 1 });
        Sandbox.AnswerNextWith(HttpStatusCode.Accepted, "text/plain", "still queued");

        foreach (var route in admin)
        foreach (var key in new[] { null, "", "wrong-admin-key", Sandbox.Host.AdminKey + "x" })
        {
            using var request = SandboxHttp.Request(route, """{"serverErrorRate":1,"status":500}""");
            if (key is not null) request.Headers.TryAddWithoutValidation(SandboxHttp.AdminHeader, key);
            using var answer = await http.SendAsync(request);
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{route} with admin key '{key}' answered {answer.StatusCode}");
        }

        Assert.True(admin.Count >= 6, $"only {admin.Count} admin routes found");
        Assert.Equal(new FaultSettings { LatencyMs = 1 }, Sandbox.Host.Faults.Settings);
        Assert.True(Sandbox.Host.Canned.TryTake(out var canned) && canned.Body == "still queued");
        using var allowed = new HttpRequestMessage(HttpMethod.Get, AdminEndpoints.Prefix + "/requests");
        allowed.Headers.Add(SandboxHttp.AdminHeader, Sandbox.Host.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(allowed)).StatusCode);
    }

    [Fact]
    public async Task No_spelling_of_a_route_reaches_it_without_a_key()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var origin = Sandbox.BaseUri.GetLeftPart(UriPartial.Authority);
        var before = Snapshot();
        Func<string, string>[] spellings =
        [
            p => p, p => p.ToUpperInvariant(), p => p + "/", p => "/" + p, p => p.Replace("/api/", "//api/"), p => p.Replace("/api/", "/api//"),
            p => p.Replace("/api/", "%2Fapi/"), p => p.Replace("/api/", "/./api/"), p => p.Replace("/api/", "/x/../api/"),
        ];

        foreach (var route in SandboxHttp.Routes(Sandbox))
        foreach (var spell in spellings)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(origin + spell(route.Path)));
            using var answer = await http.SendAsync(request);
            Assert.True((int)answer.StatusCode >= 400, $"{route.Method} {request.RequestUri!.PathAndQuery} answered {answer.StatusCode} without a key");
        }
        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData("/admin/api/users/count")]
    [InlineData("/apps/api/v1/users")]
    public async Task An_unauthenticated_call_does_not_use_up_a_canned_answer(string path)
    {
        using var http = SandboxHttp.Client(Sandbox);
        Sandbox.AnswerNextWith(HttpStatusCode.BadGateway, "text/html", "<html>canned</html>");

        using var refused = await http.SendAsync(Signed(path, SandboxOptions.DemoAccessKey, "wrong-secret"));
        using var served = await http.SendAsync(Signed(path, SandboxOptions.DemoAccessKey, SandboxOptions.DemoSecretKey));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, served.StatusCode);
        Assert.Equal("<html>canned</html>", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unauthenticated_calls_meet_no_injected_fault_and_do_not_fill_the_keys_rate_limit()
    {
        using var http = SandboxHttp.Client(Sandbox);
        Sandbox.InjectFaults(new FaultSettings { RequestsPerSecondPerKey = 2 });

        // The real access key with a wrong secret: before the fix these counted against the real key.
        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            refused.Add((await http.SendAsync(Signed("/admin/api/users/count", SandboxOptions.DemoAccessKey, "wrong-secret"))).StatusCode);
        using var served = await http.SendAsync(Signed("/admin/api/users/count", SandboxOptions.DemoAccessKey, SandboxOptions.DemoSecretKey));
        Sandbox.InjectFaults(new FaultSettings { ServerErrorRate = 1 });
        using var stillRefused = await http.SendAsync(Signed("/admin/api/users/count", "nobody", "nothing"));

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stillRefused.StatusCode);
    }

    [Fact]
    public void Rate_limit_entries_of_keys_gone_quiet_are_forgotten()
    {
        long now = 0;
        var limiter = new KeyRateLimiter(() => now);

        for (var i = 0; i < 10_000; i++) Assert.True(limiter.TryAcquire($"key-{i}", 1));
        now += 1000;
        Assert.True(limiter.TryAcquire("key-0", 1));
        Assert.False(limiter.TryAcquire("key-0", 1));

        Assert.Equal(1, limiter.TrackedKeys);
    }

    [Fact]
    public async Task A_read_only_key_is_refused_every_write_route_of_Acceldata_and_nothing_changes()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var writes = SandboxHttp.Routes(Sandbox).Where(r => !r.IsAdmin && !r.IsRead && r.Path.StartsWith("/admin/api/")).ToList();
        var before = Snapshot();

        foreach (var route in writes)
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, SandboxOptions.DemoReadOnlyAccessKey, SandboxOptions.DemoReadOnlySecretKey,
                """{"emails":["ro@company.com"],"name":"Read-only was here","groupIds":["Contractors"],"id":1}"""));
            Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{route} answered {answer.StatusCode} to a read-only key");
        }

        Assert.NotEmpty(writes);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>S1: "The api_user does not have roles and permissions, so all api_users can perform bulk_user management".</summary>
    [Fact]
    public async Task Every_api_user_of_a_CCAI_tenant_may_write_so_the_other_token_uploads_and_proceeds_a_job()
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var upload = SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/apps/api/v1/bulk/users/upload"),
            SandboxOptions.DemoReadOnlyAccessKey, SandboxOptions.DemoReadOnlySecretKey);
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("""[{"email":"second.user@company.com","first_name":"S","last_name":"U"}]"""u8.ToArray()), "file", "second.json");
        upload.Content = form;
        using var uploaded = await http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        using var proceeded = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/apps/api/v1/bulk/users/proceed"),
            SandboxOptions.DemoReadOnlyAccessKey, SandboxOptions.DemoReadOnlySecretKey, $$"""{"id":{{id}}}"""));

        Assert.Equal(HttpStatusCode.OK, proceeded.StatusCode);
    }

    [Fact]
    public async Task A_read_only_key_reads_every_read_route_of_every_emulated_API()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var reads = SandboxHttp.Routes(Sandbox).Where(r => !r.IsAdmin && r.IsRead).ToList();

        foreach (var route in reads)
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, SandboxOptions.DemoReadOnlyAccessKey, SandboxOptions.DemoReadOnlySecretKey));
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{route} answered {answer.StatusCode} to a read-only key");
        }

        Assert.Contains(reads, r => r.Path == "/admin/api/users/list");
        Assert.Contains(reads, r => r.Path == "/apps/api/v1/users");
    }

    private HttpRequestMessage Signed(string path, string key, string secret) => SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", path), key, secret);

    // Everything a write could change, read straight from the file.
    private string Snapshot() => string.Join(", ", Sandbox.Query("""
        SELECT (SELECT COUNT(*) FROM users), (SELECT MAX(updated_on) FROM users), (SELECT COUNT(*) FROM groups),
               (SELECT group_concat(name || ':' || IFNULL(description, ''), ';') FROM groups), (SELECT COUNT(*) FROM memberships),
               (SELECT COUNT(*) FROM invitations), (SELECT COUNT(*) FROM user_roles), (SELECT COUNT(*) FROM bulk_jobs)
        """, r => Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : r.GetValue(i).ToString()).ToList()).Single());
}
