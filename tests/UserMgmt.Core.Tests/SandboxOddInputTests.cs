using System.Net;
using System.Text;
using System.Text.Json;
using UserMgmt.Bulk;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// What a client should never send, sent to every route: the sandbox answers each with a 4xx and a
/// message, never a 500, and keeps what it holds in memory bounded.
/// </summary>
public sealed class SandboxOddInputTests : SandboxTest
{
    public static readonly TheoryData<string> OddBodies = new()
    {
        "{", "[]", "\"text\"", "null", "42", "{\"userDetails\":5}", "{\"userDetails\":[5]}", "{\"userDetails\":[{\"email\":7}]}",
        "{\"emails\":\"a@company.com\"}", "{\"groupIds\":[1]}", "{\"attributes\":{\"department\":\"x\"}}", "{\"enabled\":\"yes\"}",
        "{\"usersAdded\":[null]}", "{\"id\":\"seven\"}", "{\"status\":\"x\",\"times\":\"many\"}", "{\"serverErrorRate\":\"high\"}",
        new string('[', 1000) + new string(']', 1000),
    };

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task No_write_route_answers_500_to_an_odd_body(string body)
    {
        using var http = SandboxHttp.Client(Sandbox);

        foreach (var route in SandboxHttp.Routes(Sandbox).Where(r => !r.IsRead))
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, body));
            await AssertRefusedOrServedAsync(answer, $"{route} with {Shorten(body)}");
        }
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("%2e%2e")]
    [InlineData("%2F")]
    [InlineData("a%0Ab")]
    [InlineData("%C3%BC")]
    [InlineData("%FF")]
    public async Task No_route_answers_500_to_an_odd_id(string id)
    {
        using var http = SandboxHttp.Client(Sandbox);

        foreach (var route in SandboxHttp.Routes(Sandbox, id))
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, route.IsRead ? null : "{}"));
            await AssertRefusedOrServedAsync(answer, $"{route}");
        }
    }

    [Fact]
    public async Task A_NUL_in_a_path_is_refused_by_the_server_before_any_handler_sees_it()
    {
        using var http = SandboxHttp.Client(Sandbox);
        await Sandbox.ClearRequestLogAsync();

        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", "/admin/api/users/%00")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(await Sandbox.Host.Requests.CountsAsync());
    }

    [Theory]
    [InlineData("/admin/api/users/list?first=2147483647&max=1000")]
    [InlineData("/admin/api/groups/?first=2147483647&last=1000")]
    [InlineData("/apps/api/v1/users?page=2147483647&per_page=1000")]
    [InlineData("/apps/api/v1/bulk/users/jobs?page=2147483647&per_page=100")]
    public async Task A_page_far_past_the_end_is_empty(string path)
    {
        using var http = SandboxHttp.Client(Sandbox);

        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", path)));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var items = json.ValueKind == JsonValueKind.Array ? json : json.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        Assert.Equal(0, items.GetArrayLength());
        Assert.DoesNotContain("page=-", answer.Headers.TryGetValues("Link", out var links) ? string.Join(",", links) : "");
    }

    [Theory]
    [InlineData("/admin/api/users/list?max=lots")]
    [InlineData("/apps/api/v1/users?page=first")]
    public async Task A_query_value_of_the_wrong_type_is_a_400_that_names_it(string path)
    {
        using var http = SandboxHttp.Client(Sandbox);

        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", path)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(path.Split('?')[1].Split('=')[0], await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_and_a_bulk_file_may_be_larger()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var big = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using var json = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/admin/api/groups/"), big));
        using var upload = await http.SendAsync(Upload(JsonSerializer.Serialize(Enumerable.Range(1, 20_000)
            .Select(n => new { email = $"agent{n}@company.com", last_name = "Agent", first_name = new string('x', 60) }))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        Assert.Contains("too large", await json.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.False(Sandbox.GroupExists(new string('x', 10)));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
    }

    [Fact]
    public async Task Renaming_a_group_to_a_name_in_use_or_to_nothing_is_refused_as_the_platform_does()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var analytics = Sandbox.Query("SELECT id FROM groups WHERE name = 'Analytics'", r => r.GetString(0)).Single();
        var route = new SandboxRoute("PUT", $"/admin/api/groups/{analytics}");

        using var taken = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, """{"name":"contractors"}"""));
        using var blank = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, """{"name":"  "}"""));

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("contractors", await taken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.True(Sandbox.GroupExists("Analytics"));
    }

    [Fact]
    public async Task A_bulk_row_that_cannot_be_applied_is_an_error_of_that_row_and_the_others_apply()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var runner = new BulkJobRunner(Assert.IsAssignableFrom<IBulkJobClient>(connection.Client.BulkJobs));
        BulkUserRow[] rows =
        [
            new() { Email = "first@company.com", FirstName = "Odd", LastName = "First", SourceRow = 1 },
            new() { Email = "second@company.com", NewEmail = "ada.lovelace@example.com", FirstName = "Odd", LastName = "Second", SourceRow = 2 },
            new() { Email = "scim.sync@example.com", FirstName = "Odd", LastName = "Changed", SourceRow = 3 },
            new() { Email = "fourth@company.com", FirstName = "Odd", LastName = "Fourth", SourceRow = 4 },
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var job = await runner.StartAsync(rows, BulkJobRunner.FileName("odd", 1), timeout.Token);
        job = (await runner.WaitAsync([job], null, _ => { }, timeout.Token)).Single();
        var errors = await runner.ErrorsAsync(job, [BulkErrorKind.Update], timeout.Token);

        Assert.Equal(("completed", 2, 2), (job.Status, job.AffectedRows, job.FailedRows));
        Assert.Equal([(2, "new_email"), (3, "email")], errors.Select(e => (e.SourceRow, e.Column)).Order());
        Assert.Equal([1, 0, 1], new[] { "first@company.com", "second@company.com", "fourth@company.com" }.Select(Sandbox.CountUsers));
        Assert.Equal(["Sync"], Sandbox.Query("SELECT last_name FROM users WHERE email = 'scim.sync@example.com'", r => r.GetString(0)));
    }

    [Fact]
    public async Task A_bulk_file_with_values_of_the_wrong_kind_gets_scheme_errors_not_a_500()
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var uploaded = await http.SendAsync(Upload("""
            [{"email":"a@company.com","first_name":"A","last_name":"A","max_chat_limit":"five","max_chat_limit_enabled":true,"roles":[{"name":"Agent","value":"1"}]}]
            """));
        var id = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        using var proceeded = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/apps/api/v1/bulk/users/proceed"), $$"""{"id":{{id}}}"""));
        using var errors = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"/apps/api/v1/bulk/users/errors/scheme/{id}")));

        Assert.Equal(HttpStatusCode.OK, proceeded.StatusCode);
        Assert.Contains("invalid_scheme", await proceeded.Content.ReadAsStringAsync());
        var columns = JsonDocument.Parse(await errors.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("column").GetInt32());
        Assert.Equal([8, 9, 10], columns.Order());
    }

    [Fact]
    public async Task Canned_answers_are_bounded_and_checked_when_queued()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var route = new SandboxRoute("POST", "/_sandbox/canned-answers");
        async Task<HttpStatusCode> QueueAsync(string body)
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, body));
            return answer.StatusCode;
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1001; i++) statuses.Add(await QueueAsync("""{"status":502,"body":"queued"}"""));
        var badStatus = await QueueAsync("""{"status":42}""");
        var badContentType = await QueueAsync("""{"status":500,"contentType":"text/html\r\nX-Evil: 1"}""");

        Assert.All(statuses.Take(1000), s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Equal(HttpStatusCode.BadRequest, statuses[1000]);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal(HttpStatusCode.BadRequest, badContentType);
    }

    [Fact]
    public async Task A_canned_answer_for_many_calls_takes_no_more_room_than_one_for_one()
    {
        using var http = SandboxHttp.Client(Sandbox);

        using var queued = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/_sandbox/canned-answers"),
            """{"status":503,"body":"down","times":2147483647}"""));
        using var first = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", "/admin/api/users/count")));
        using var second = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", "/admin/api/users/count")));
        using var cleared = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("DELETE", "/_sandbox/canned-answers")));
        using var third = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", "/admin/api/users/count")));

        Assert.Equal(HttpStatusCode.NoContent, queued.StatusCode);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], [first.StatusCode, second.StatusCode, third.StatusCode]);
    }

    private HttpRequestMessage Upload(string json)
    {
        var request = SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/apps/api/v1/bulk/users/upload"));
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "big.json");
        request.Content = form;
        return request;
    }

    private static async Task AssertRefusedOrServedAsync(HttpResponseMessage answer, string what)
    {
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True((int)answer.StatusCode < 500, $"{what} answered {(int)answer.StatusCode}: {Shorten(text)}");
        if ((int)answer.StatusCode >= 400 && answer.StatusCode != HttpStatusCode.NotFound && answer.StatusCode != HttpStatusCode.MethodNotAllowed)
            Assert.True(text.Contains("message"), $"{what} answered {(int)answer.StatusCode} without a message: '{Shorten(text)}'");
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
