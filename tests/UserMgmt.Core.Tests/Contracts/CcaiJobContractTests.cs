using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Bulk;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Contracts;

/// <summary>
/// Issue 12 item 14 for CCAI's bulk job calls: each documented example, typed in as the vendor shows it, is
/// what the client sends and what it reads. Sources: P1 = Google, "Bulk user management API"
/// (cloud.google.com/contact-center/ccai-platform/docs/bulk-user-management-api); P1† = the same page's later
/// sections as quoted in shared/design/vendor-apis.md. Values the sources do not show are marked as ours.
/// </summary>
public sealed class CcaiJobContractTests
{
    private const string Api = "/apps/api/v1/bulk/users";

    // P1, upload: the answer body and its Link header.
    private const string UploadAnswer = """{ "id": 12345, "status": "created", "link": "http://ujet.co/apps/api/v1/bulk/users_jobs/12345" }""";
    private const string UploadLink = "http://ujet.co/apps/api/v1/bulk/users_jobs/12345";
    // P1†, proceed: the answer carries the checked status.
    private const string ProceedAnswer = """{ "id": 12345, "status": "valid_scheme", "link": "http://ujet.co/apps/api/v1/bulk/users_jobs/12345" }""";
    // P1†, status: the fields it lists; the values are ours (the page as read shows none).
    private const string StatusAnswer = """
        {
          "id": 12345, "created_at": "2026-01-05T10:00:00Z", "process_requested_at": "2026-01-05T10:00:05Z",
          "filename": "agents.json", "total_rows": 2, "affected_rows": 1, "failed_rows": 1, "status": "in_progress",
          "uploaded_api_user_name": "bulk-api", "proceed_api_user_name": "bulk-api",
          "scheme_errors": [],
          "update_errors": [{ "message": "Must be a valid email", "column": 1, "row": 2, "error_type": "error" }]
        }
        """;
    // P1†, scheme error log: a file-level problem has row null.
    private const string SchemeErrors = """[{ "message": "Must be a valid email", "column": 1, "row": null }]""";
    // P1†, update error log: as the scheme log, with error_type warning or error.
    private const string UpdateErrors = """[{ "message": "Must be a valid email", "column": 1, "row": 1, "error_type": "warning" }]""";

    private sealed record Received(string Method, string Path, string? ContentType, string Body, IReadOnlyList<(string Name, string? FileName, string? Type, string Text)> Parts);

    private static async Task<(HostileServer Server, ConcurrentQueue<Received> Received)> StartAsync()
    {
        var received = new ConcurrentQueue<Received>();
        async Task Record(HttpRequest request)
        {
            var parts = new List<(string, string?, string?, string)>();
            var body = "";
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync();
                foreach (var field in form) parts.Add((field.Key, null, null, field.Value.ToString()));
                foreach (var file in form.Files)
                {
                    using var reader = new StreamReader(file.OpenReadStream());
                    parts.Add((file.Name, file.FileName, file.ContentType, await reader.ReadToEndAsync()));
                }
            }
            else
            {
                using var reader = new StreamReader(request.Body);
                body = await reader.ReadToEndAsync();
            }
            received.Enqueue(new Received(request.Method, request.Path, request.ContentType, body, parts));
        }

        var server = await HostileServer.StartAsync(app =>
        {
            app.MapPost(Api + "/upload", async (HttpRequest request, HttpResponse response) =>
            {
                await Record(request);
                response.Headers.Link = UploadLink;
                return Results.Text(UploadAnswer, "application/json");
            });
            app.MapPut(Api + "/upload", async (HttpRequest request) =>
            {
                await Record(request);
                return Results.Text(UploadAnswer, "application/json");
            });
            app.MapPost(Api + "/proceed", async (HttpRequest request) =>
            {
                await Record(request);
                return Results.Text(ProceedAnswer, "application/json");
            });
            app.MapGet(Api + "/jobs/12345", () => Results.Text(StatusAnswer, "application/json"));
            app.MapGet(Api + "/jobs", (HttpResponse response) =>
            {
                // P1†: the list comes with Link, Total and Per-Page headers, newest first.
                response.Headers["Total"] = "1";
                response.Headers["Per-Page"] = "25";
                return Results.Text($"[{StatusAnswer}]", "application/json");
            });
            app.MapGet(Api + "/errors/scheme/12345", () => Results.Text(SchemeErrors, "application/json"));
            app.MapGet(Api + "/errors/update/12345", () => Results.Text(UpdateErrors, "application/json"));
        });
        return (server, received);
    }

    private static BulkUserRow Row(int n) => new()
    {
        Email = $"user{n}@yourcompany.co", FirstName = "John", LastName = "aa", Status = "Active", Location = "Mexico",
        Roles = ["Manager"], Teams = ["Sales"], SourceRow = n,
    };

    [Fact]
    public async Task Upload_sends_one_multipart_file_part_holding_a_json_array_and_reads_the_job_the_example_answers()
    {
        var (server, received) = await StartAsync();
        await using var _ = server;
        using var provider = HostileClient.Client(server, "Ccai");

        var job = await provider.BulkJobs!.UploadAsync([Row(1), Row(2)], "agents.json", HostileClient.Patience());

        var upload = Assert.Single(received);
        Assert.Equal(("POST", Api + "/upload"), (upload.Method, upload.Path));
        Assert.StartsWith("multipart/form-data", upload.ContentType);
        var part = Assert.Single(upload.Parts);
        Assert.Equal(("file", "agents.json", "application/json"), (part.Name, part.FileName, part.Type));
        var rows = JsonDocument.Parse(part.Text).RootElement;
        Assert.Equal(JsonValueKind.Array, rows.ValueKind);
        // P1's template example names the fields; P2's table: email, first_name and last_name required.
        Assert.Equal(["email", "first_name", "last_name", "status", "location", "roles", "teams"], rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("""[{"name":"Manager","value":1}]""", rows[0].GetProperty("roles").GetRawText());
        Assert.Equal((12345L, "created"), (job.Id, job.Status));
        Assert.False(job.IsFinished);
    }

    [Fact]
    public async Task Proceed_sends_the_job_id_alone_and_reads_the_checked_status_as_not_finished()
    {
        var (server, received) = await StartAsync();
        await using var _ = server;
        using var provider = HostileClient.Client(server, "Ccai");
        var uploaded = new BulkJob { Id = 12345, Status = "created" };

        var job = await provider.BulkJobs!.ProceedAsync(uploaded, HostileClient.Patience());

        var proceed = Assert.Single(received);
        Assert.Equal(("POST", Api + "/proceed"), (proceed.Method, proceed.Path));
        Assert.StartsWith("application/json", proceed.ContentType);
        Assert.Equal("""{"id":12345}""", proceed.Body);
        Assert.Equal(("valid_scheme", false), (job.Status, job.IsFinished));
    }

    [Fact]
    public async Task The_status_is_read_field_by_field_with_the_errors_it_carries()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        using var provider = HostileClient.Client(server, "Ccai");

        var job = await provider.BulkJobs!.GetJobAsync(12345, HostileClient.Patience());

        Assert.Equal((12345L, "in_progress", "agents.json"), (job.Id, job.Status, job.Filename));
        Assert.Equal((2, 1, 1), (job.TotalRows, job.AffectedRows, job.FailedRows));
        Assert.Equal(("bulk-api", "bulk-api"), (job.UploadedBy, job.ProceededBy));
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T10:00:05Z"), job.ProcessRequestedAt);
        // in_progress is shown by the vendor as running: never final, whatever the counters say.
        Assert.False(job.IsFinished);
        var error = Assert.Single(job.Errors);
        Assert.Equal((BulkErrorKind.Update, BulkErrorSeverity.Error, 2, "email"), (error.Kind, error.Severity, error.FileRow, error.Column));
    }

    [Fact]
    public async Task The_job_list_sends_page_and_per_page_and_reads_an_array_of_jobs()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        using var provider = HostileClient.Client(server, "Ccai");

        var jobs = await provider.BulkJobs!.ListJobsAsync(2, 25, HostileClient.Patience());

        var seen = Assert.Single(server.Seen, r => r.Path == Api + "/jobs");
        Assert.Equal("?page=2&per_page=25", seen.Query);
        Assert.Equal(12345L, Assert.Single(jobs).Id);
    }

    [Fact]
    public async Task The_error_logs_read_a_file_level_error_without_a_row_and_a_warning_with_one()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        using var provider = HostileClient.Client(server, "Ccai");
        var job = new BulkJob { Id = 12345, Status = "invalid_scheme", Rows = [Row(1)] };

        var scheme = Assert.Single(await provider.BulkJobs!.GetErrorsAsync(job, BulkErrorKind.Scheme, HostileClient.Patience()));
        var update = Assert.Single(await provider.BulkJobs!.GetErrorsAsync(job, BulkErrorKind.Update, HostileClient.Patience()));

        Assert.Equal(("Must be a valid email", "email", (int?)null, BulkErrorSeverity.Error), (scheme.Message, scheme.Column, scheme.FileRow, scheme.Severity));
        Assert.Equal((1, 1, BulkErrorSeverity.Warning), (update.FileRow, update.SourceRow, update.Severity));
    }

    /// <summary>P1: upload by PUT carries the job's id beside the file ("id" is required for PUT).</summary>
    [Fact]
    public async Task Replacing_a_file_puts_the_job_id_and_the_file_as_two_parts()
    {
        var (server, received) = await StartAsync();
        await using var _ = server;
        using var provider = HostileClient.Client(server, "Ccai");
        var waiting = new BulkJob { Id = 12345, Status = "created" };

        var job = await provider.BulkJobs!.ReplaceFileAsync(waiting, [Row(1)], "agents-fixed.json", HostileClient.Patience());

        var put = Assert.Single(received);
        Assert.Equal(("PUT", Api + "/upload"), (put.Method, put.Path));
        Assert.Equal([("id", null, null, "12345")], put.Parts.Where(p => p.Name == "id"));
        Assert.Equal(("agents-fixed.json", "application/json"), put.Parts.Where(p => p.Name == "file").Select(p => (p.FileName, p.Type)).Single());
        Assert.Equal((12345L, "created", 1), (job.Id, job.Status, job.Rows.Count));
    }
}
