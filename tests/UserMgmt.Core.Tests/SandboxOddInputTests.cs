using System.Net;
using System.Text;
using System.Text.Json;
using UserMgmt.Bulk;
using UserMgmt.Sandbox.Variants;
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
        // Issue 12 item 12: empty, nulls where values belong, numbers no field can hold, deep objects, text no parser takes.
        "", " ", "{}", "{\"id\":null}", "{\"id\":1e400}", "{\"id\":99999999999999999999999}", "{\"id\":-1}", "{\"id\":1.5}", "{\"id\":\"1\"}",
        "{\"id\":[1]}", "{\"id\":{}}", "{\"groupIds\":null}", "{\"groupIds\":[null]}", "{\"groupIds\":\"Contractors\"}", "{\"groupIds\":[[\"a\"]]}",
        "{\"data\":5}", "{\"data\":{\"groups\":\"x\"}}", "{\"data\":{\"groups\":[{}]}}", "{\"attributes\":{\"x\":[null]}}", "{\"attributes\":{\"x\":\"y\"}}",
        "{\"attributes\":[]}", "{\"attributes\":null,\"enabled\":null}", "{\"enabled\":1}", "{\"name\":5}", "{\"name\":null}", "{\"name\":[\"a\"]}",
        "{\"name\":\"x\",\"description\":5}", "{\"userDetails\":null}", "{\"userDetails\":[null]}", "{\"userDetails\":[{\"email\":\"a@company.com\",\"firstName\":5}]}",
        "{\"userDetails\":[{\"email\":\"a@company.com\"}],\"groups\":5}", "{\"userDetails\":[{\"email\":\"a@company.com\"}],\"groups\":[5]}",
        "{\"usersAdded\":5}", "{\"usersAdded\":[5]}", "{\"usersRemoved\":[{}]}", "{\"status\":1e400,\"times\":1e400}", "{\"status\":503,\"times\":-1}",
        "{\"serverErrorRate\":1e400}", "{\"latencyMs\":99999999999}", "{\"variants\":5}", "{\"variants\":[5]}", "{\"variants\":\"numeric-ids\"}",
        string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000), "{\"a\":\"\\ud800\"}", "{\"name\":\"a\u0000b\"}", "\uFEFF{}", "{'id':1}",
    };

    /// <summary>Bodies of other media types: forms where JSON belongs, JSON where a form belongs, and forms with nothing usable in them.</summary>
    public static readonly TheoryData<string, string> OddTypedBodies = new()
    {
        { "text/plain", "{\"id\":1}" },
        { "application/x-www-form-urlencoded", "id=1&file=x" },
        { "multipart/form-data", "" },
        { "multipart/form-data; boundary=xyz", "--xyz--" },
        { "multipart/form-data; boundary=xyz", "not multipart at all" },
        { "application/xml", "<id>1</id>" },
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

    /// <summary>Routes are filled with a user's id, so a group route meets no group and may refuse before reading the body: here it meets one.</summary>
    [Fact]
    public async Task No_group_write_route_answers_500_to_an_odd_body_for_a_group_that_exists()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var analytics = Sandbox.Query("SELECT id FROM groups WHERE name = 'Analytics'", r => r.GetString(0)).Single();
        var writes = SandboxHttp.Routes(Sandbox, analytics).Where(r => r.Path.Contains("/groups/" + analytics) && r.Method != "DELETE").ToList();

        foreach (var route in writes)
        foreach (var body in ((IEnumerable<object[]>)OddBodies).Select(b => (string)b[0]))
        {
            using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, body));
            await AssertRefusedOrServedAsync(answer, $"{route} with {Shorten(body)}");
        }

        Assert.NotEmpty(writes);
    }

    [Theory]
    [InlineData("POST", "/admin/api/groups/", """{"name":"Typed","description":5}""", "description")]
    [InlineData("POST", "/admin/api/groups/", """{"name":7}""", "name")]
    [InlineData("PUT", "/admin/api/groups/{group}", """{"name":"Analytics","description":["x"]}""", "description")]
    [InlineData("PUT", "/admin/api/groups/{group}", """{"name":{"first":"Analytics"}}""", "name")]
    [InlineData("PUT", "/admin/api/users/user-002", """{"firstName":5}""", "firstName")]
    [InlineData("PUT", "/admin/api/users/user-002", """{"lastName":true}""", "lastName")]
    [InlineData("POST", "/admin/api/users/invite-users", """{"emails":[7]}""", "emails")]
    public async Task A_text_field_of_another_kind_is_a_400_naming_it_not_taken_for_absent(string method, string path, string body, string field)
    {
        using var http = SandboxHttp.Client(Sandbox);
        var analytics = Sandbox.Query("SELECT id FROM groups WHERE name = 'Analytics'", r => r.GetString(0)).Single();
        var before = Sandbox.Query("SELECT COUNT(*) || ':' || group_concat(name || '/' || IFNULL(description, ''), ';') FROM groups", r => r.GetString(0)).Single();
        var names = Sandbox.Query("SELECT first_name || ' ' || last_name FROM users WHERE id = 'user-002'", r => r.GetString(0)).Single();

        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute(method, path.Replace("{group}", analytics)), body));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains($"'{field}' must be", await answer.Content.ReadAsStringAsync());
        Assert.Equal(before, Sandbox.Query("SELECT COUNT(*) || ':' || group_concat(name || '/' || IFNULL(description, ''), ';') FROM groups", r => r.GetString(0)).Single());
        Assert.Equal(names, Sandbox.Query("SELECT first_name || ' ' || last_name FROM users WHERE id = 'user-002'", r => r.GetString(0)).Single());
    }

    /// <summary>Each variant reads some bodies its own way (names for ids, data.groups, 200 envelopes): none of them may crash on an odd one.</summary>
    [Fact]
    public async Task No_platform_write_route_answers_500_to_an_odd_body_under_any_variant()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var writes = SandboxHttp.Routes(Sandbox).Where(r => !r.IsRead && !r.IsAdmin).ToList();

        foreach (var variant in Enum.GetValues<SandboxVariant>())
        {
            Sandbox.UseVariants(variant);
            foreach (var route in writes)
            foreach (var body in ((IEnumerable<object[]>)OddBodies).Select(b => (string)b[0]))
            {
                using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, route, body));
                await AssertRefusedOrServedAsync(answer, $"{route} under {SandboxVariants.NameOf(variant)} with {Shorten(body)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(OddTypedBodies))]
    public async Task No_write_route_answers_500_to_a_body_of_another_type(string contentType, string body)
    {
        using var http = SandboxHttp.Client(Sandbox);

        foreach (var route in SandboxHttp.Routes(Sandbox).Where(r => !r.IsRead))
        {
            using var request = SandboxHttp.Signed(Sandbox, route);
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var answer = await http.SendAsync(request);
            await AssertRefusedOrServedAsync(answer, $"{route} with {contentType} '{Shorten(body)}'");
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D })] // {"id":"<not UTF-8>"}
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x7B, 0x7D })] // two byte-order marks before {}
    public async Task No_write_route_answers_500_to_bytes_that_are_not_UTF_8(byte[] body)
    {
        using var http = SandboxHttp.Client(Sandbox);

        foreach (var route in SandboxHttp.Routes(Sandbox).Where(r => !r.IsRead))
        {
            using var request = SandboxHttp.Signed(Sandbox, route);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            using var answer = await http.SendAsync(request);
            await AssertRefusedOrServedAsync(answer, $"{route} with bytes {Convert.ToHexString(body)}");
        }
    }

    /// <summary>Issue 12 item 12: multipart bodies of every wrong kind, to every write route (the upload routes are the ones that read them).</summary>
    public static readonly TheoryData<string> OddFileParts = new()
    {
        "", "not json", "{", "{}", "null", "42", "\"text\"", "[5]", "[null]", "[[]]", "[{\"email\":5}]", "[{\"email\":\"a@company.com\",\"max_chat_limit\":1e400}]",
        "[{\"email\":\"a@company.com\",\"first_name\":\"A\",\"last_name\":\"A\",\"roles\":[{\"name\":5,\"value\":1}],\"teams\":[null]}]",
        "[{\"email\":\"a@company.com\",\"first_name\":\"A\",\"last_name\":\"A\",\"teams\":[{\"name\":\"x\",\"value\":99999999999}]}]",
        new string('[', 1000) + new string(']', 1000), "\uFEFF[]",
    };

    [Theory]
    [MemberData(nameof(OddFileParts))]
    public async Task No_write_route_answers_500_to_an_odd_file_part_nor_does_proceeding_it(string file)
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var existing = await http.SendAsync(Upload("[]"));
        var existingId = JsonDocument.Parse(await existing.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        foreach (var route in SandboxHttp.Routes(Sandbox).Where(r => !r.IsRead))
        foreach (var id in new string?[] { null, existingId.ToString(), "seven", "99999999999999999999", "" })
        {
            using var request = SandboxHttp.Signed(Sandbox, route);
            var form = new MultipartFormDataContent();
            if (id is not null) form.Add(new StringContent(id), "id");
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "odd.json");
            request.Content = form;
            using var answer = await http.SendAsync(request);
            await AssertRefusedOrServedAsync(answer, $"{route} with id '{id}' and file '{Shorten(file)}'");
            if (route.Path.EndsWith("/upload") && answer.IsSuccessStatusCode)
            {
                var job = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
                using var proceeded = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/apps/api/v1/bulk/users/proceed"), $$"""{"id":{{job}}}"""));
                await AssertRefusedOrServedAsync(proceeded, $"proceed of a job uploaded by {route} with '{Shorten(file)}'");
                foreach (var read in new[] { $"/apps/api/v1/bulk/users/jobs/{job}", $"/apps/api/v1/bulk/users/errors/scheme/{job}", $"/apps/api/v1/bulk/users/errors/update/{job}" })
                {
                    using var shown = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", read)));
                    await AssertRefusedOrServedAsync(shown, $"{read} after '{Shorten(file)}'");
                }
            }
        }
    }

    /// <summary>Rows that pass the scheme check but hold odd values: the platform refuses them at update, row by row; it never gives up on the job.</summary>
    [Theory]
    [InlineData("""[{"email":"odd1@company.com","first_name":"A","last_name":"A","location":5}]""")]
    [InlineData("""[{"email":"odd1@company.com","first_name":"A","last_name":"A","location":{"name":"Berlin"},"agent_number":{"n":1}}]""")]
    [InlineData("""[{"email":"odd1@company.com","first_name":"A","last_name":"A","location":"","status":"","agent_number":""}]""")]
    [InlineData("""[{"email":"odd1@company.com","first_name":"A","last_name":"A","roles":[{"name":"No Such Role","value":1}],"teams":[{"name":"No Such Team","value":0}]}]""")]
    [InlineData("""[{"email":"ODD1@Company.com","first_name":"A","last_name":"A","new_email":"ada.lovelace@example.com"}]""")]
    [InlineData("""[{"email":"ada.lovelace@example.com","first_name":"A","last_name":"A","new_email":"ada.lovelace@example.com","max_chat_limit":2147483647,"max_chat_limit_enabled":1}]""")]
    [InlineData("""[{"email":"odd1@company.com","first_name":"A","last_name":"A","extra":{"deep":[1,2,3]},"email2":null}]""")]
    public async Task A_file_with_odd_values_that_passes_the_scheme_check_ends_completed_not_failed(string file)
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var uploaded = await http.SendAsync(Upload(file));
        var id = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var proceeded = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", "/apps/api/v1/bulk/users/proceed"), $$"""{"id":{{id}}}"""));
        Assert.Contains("valid_scheme", await proceeded.Content.ReadAsStringAsync());

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? status;
        do
        {
            using var shown = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"/apps/api/v1/bulk/users/jobs/{id}")), patience.Token);
            // Polling this fast meets the tenant's 10 calls a second while the job runs: a refused poll says nothing yet.
            status = shown.StatusCode == System.Net.HttpStatusCode.TooManyRequests ? "in_progress" : JsonDocument.Parse(await shown.Content.ReadAsStringAsync(patience.Token)).RootElement.GetProperty("status").GetString();
        } while (status is "valid_scheme" or "in_progress");

        Assert.Equal("completed", status);
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

        Assert.Equal(HttpStatusCode.UnprocessableEntity, proceeded.StatusCode);
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
