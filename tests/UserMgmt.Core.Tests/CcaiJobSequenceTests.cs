using System.Net;
using System.Text;
using System.Text.Json;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Issue 12 item 12: the upload/proceed sequence out of order, over raw HTTP. S1 and P1 say a file is uploaded
/// (POST, or PUT with the id of a job to replace its file) and then processed by one POST to proceed; P2 says the
/// upload checks the file's scheme and proceed comes after. The strict sandbox refuses every other order with a 4xx
/// and a message, and changes nothing when it does.
/// </summary>
public sealed class CcaiJobSequenceTests : SandboxTest
{
    private const string Jobs = "/apps/api/v1/bulk/users";

    [Fact]
    public async Task Proceeding_a_job_that_does_not_exist_is_a_404_naming_it_and_creates_nothing()
    {
        using var http = SandboxHttp.Client(Sandbox);

        var (status, text) = await ProceedAsync(http, 424242);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("424242", text);
        Assert.Equal(0, JobCount());
    }

    [Fact]
    public async Task Proceeding_a_job_twice_is_a_409_and_its_rows_are_applied_once()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var id = await UploadAsync(http, "POST", Row("twice1@company.com"));

        var (first, _) = await ProceedAsync(http, id);
        var (second, text) = await ProceedAsync(http, id);
        var job = await FinishedAsync(http, id);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Contains($"Job {id}", text);
        Assert.Equal((1, 1, 0), (job.GetProperty("total_rows").GetInt32(), job.GetProperty("affected_rows").GetInt32(), job.GetProperty("failed_rows").GetInt32()));
        Assert.Equal(1, Sandbox.CountUsers("twice1@company.com"));
        Assert.Equal(1, JobCount());
    }

    [Fact]
    public async Task Replacing_the_file_of_a_processed_job_is_a_409_and_the_job_keeps_its_file()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var id = await UploadAsync(http, "POST", Row("kept1@company.com"), name: "kept.json");
        await ProceedAsync(http, id);
        await FinishedAsync(http, id);

        var (status, text) = await SendUploadAsync(http, "PUT", Row("late1@company.com"), id.ToString(), "late.json");
        var job = await FinishedAsync(http, id);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("a job asked to process takes no new file", text);
        Assert.Equal("kept.json", job.GetProperty("filename").GetString());
        Assert.Equal(0, Sandbox.CountUsers("late1@company.com"));
    }

    [Fact]
    public async Task A_file_is_checked_on_upload_and_a_refused_one_cannot_be_proceeded_but_can_be_replaced_and_then_proceeded()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var id = await UploadAsync(http, "POST", "not json");
        var checkedOnUpload = await StatusAsync(http, id);

        var (refused, refusal) = await ProceedAsync(http, id);
        var (replaced, _) = await SendUploadAsync(http, "PUT", Row("fixed1@company.com"), id.ToString(), "fixed.json");
        var checkedAgain = await StatusAsync(http, id);
        var (proceeded, _) = await ProceedAsync(http, id);
        var job = await FinishedAsync(http, id);

        Assert.Equal("invalid_scheme", checkedOnUpload.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, checkedOnUpload.GetProperty("process_requested_at").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("invalid scheme", refusal);
        Assert.Equal(HttpStatusCode.OK, replaced);
        Assert.Equal("valid_scheme", checkedAgain.GetProperty("status").GetString());
        Assert.Empty(checkedAgain.GetProperty("scheme_errors").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, proceeded);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(1, Sandbox.CountUsers("fixed1@company.com"));
    }

    [Fact]
    public async Task An_upload_alone_is_checked_but_applies_nothing_and_a_proceed_sent_as_a_form_is_taken()
    {
        using var http = SandboxHttp.Client(Sandbox);
        var id = await UploadAsync(http, "POST", Row("form1@company.com"));
        var waiting = await StatusAsync(http, id);

        using var proceed = SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", Jobs + "/proceed"));
        proceed.Content = new FormUrlEncodedContent([new("id", id.ToString())]);
        using var answer = await http.SendAsync(proceed);
        var job = await FinishedAsync(http, id);

        Assert.Equal("valid_scheme", waiting.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(1, Sandbox.CountUsers("form1@company.com"));
    }

    [Theory]
    [InlineData("424242", HttpStatusCode.NotFound)]
    [InlineData(null, HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("seven", HttpStatusCode.BadRequest)]
    public async Task Replacing_a_file_needs_the_id_of_a_job_that_exists(string? id, HttpStatusCode expected)
    {
        using var http = SandboxHttp.Client(Sandbox);

        var (status, text) = await SendUploadAsync(http, "PUT", Row("nobody1@company.com"), id, "orphan.json");

        Assert.Equal(expected, status);
        Assert.Contains("message", text);
        Assert.Equal(0, JobCount());
    }

    [Theory]
    [InlineData("GET", Jobs + "/jobs/424242")]
    [InlineData("GET", Jobs + "/errors/scheme/424242")]
    [InlineData("GET", Jobs + "/errors/update/424242")]
    public async Task A_job_that_does_not_exist_has_no_status_and_no_error_logs(string method, string path)
    {
        using var http = SandboxHttp.Client(Sandbox);

        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute(method, path)));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("424242", await answer.Content.ReadAsStringAsync());
    }

    /// <summary>P1's upload answer: <c>Link: http://ujet.co/apps/api/v1/bulk/users_jobs/12345</c>, a bare URL, the same in the body.</summary>
    [Fact]
    public async Task The_upload_answer_links_its_job_by_a_bare_URL_in_the_header_and_the_body()
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var request = SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", Jobs + "/upload"));
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Row("linked1@company.com"))), "file", "linked.json");
        request.Content = form;

        using var answer = await http.SendAsync(request);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetInt64();
        var link = Assert.Single(answer.Headers.GetValues("Link"));

        Assert.Equal(new Uri(Sandbox.BaseUri, $"{Jobs}/jobs/{id}").AbsoluteUri, link);
        Assert.Equal(link, body.GetProperty("link").GetString());
    }

    private static string Row(string email) =>
        JsonSerializer.Serialize(new[] { new { email, first_name = "Sequence", last_name = "Test" } });

    private async Task<long> UploadAsync(HttpClient http, string method, string file, string name = "sequence.json")
    {
        var (status, text) = await SendUploadAsync(http, method, file, null, name);
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private async Task<(HttpStatusCode, string)> SendUploadAsync(HttpClient http, string method, string file, string? id, string name)
    {
        using var request = SandboxHttp.Signed(Sandbox, new SandboxRoute(method, Jobs + "/upload"));
        var form = new MultipartFormDataContent();
        if (id is not null) form.Add(new StringContent(id), "id");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", name);
        request.Content = form;
        using var answer = await http.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode, string)> ProceedAsync(HttpClient http, long id)
    {
        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", Jobs + "/proceed"), $$"""{"id":{{id}}}"""));
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> StatusAsync(HttpClient http, long id)
    {
        using var answer = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"{Jobs}/jobs/{id}")));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    // Waits in the store until the processor has moved the job past the words the vendor shows for work under way, then
    // reads it over HTTP once: polling over HTTP would spend the tenant's 10 calls a second and be answered 429.
    private async Task<JsonElement> FinishedAsync(HttpClient http, long id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Sandbox.Query("SELECT status FROM bulk_jobs WHERE id = @id", r => r.GetString(0), ("@id", id)).Single() is "valid_scheme" or "in_progress")
            await Task.Delay(TimeSpan.FromMilliseconds(5), patience.Token);
        return await StatusAsync(http, id);
    }

    private int JobCount() => Sandbox.Query("SELECT COUNT(*) FROM bulk_jobs", r => r.GetInt32(0)).Single();
}
