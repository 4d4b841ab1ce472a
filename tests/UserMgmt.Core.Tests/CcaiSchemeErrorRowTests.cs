using System.Net;
using System.Text;
using System.Text.Json;
using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Issue 12 item 12: P1's scheme-error example is <c>{"message": "Must be a valid email", "column": 1, "row": null}</c>.
/// The strict sandbox gives a file-level problem row null and a row's problem its row; under
/// <c>scheme-errors-without-row</c> every scheme error has row null, as that example does. The client then cannot
/// tell which row was refused, so every row of the job ends not applied, with the platform's message.
/// </summary>
public sealed class CcaiSchemeErrorRowTests : SandboxTest
{
    private const string Jobs = "/apps/api/v1/bulk/users";

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"email\":\"a@company.com\"}")]
    [InlineData("\"users\"")]
    public async Task The_strict_sandbox_answers_a_file_level_problem_with_row_null(string file)
    {
        var errors = await SchemeErrorsOfAsync(file);

        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("row").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task The_strict_sandbox_answers_a_problem_of_a_row_with_its_row_and_column()
    {
        var errors = await SchemeErrorsOfAsync("""
            [{"email":"ok@company.com","first_name":"A","last_name":"A"},{"email":"not-an-address","first_name":"B","last_name":"B"},5]
            """);

        Assert.Equal([("Must be a valid email", 1, 2), ("Row must be an object", 0, 3)],
            errors.EnumerateArray().Select(e => (e.GetProperty("message").GetString(),
                e.GetProperty("column").ValueKind == JsonValueKind.Null ? 0 : e.GetProperty("column").GetInt32(), e.GetProperty("row").GetInt32())));
    }

    [Fact]
    public async Task Under_scheme_errors_without_row_the_status_and_the_log_carry_row_null_as_the_example_does()
    {
        Sandbox.UseVariants(SandboxVariant.SchemeErrorsWithoutRow);

        var errors = await SchemeErrorsOfAsync("""[{"email":"not-an-address","first_name":"B","last_name":"B"}]""", alsoFromStatus: true);

        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal(("Must be a valid email", 1, JsonValueKind.Null),
            (error.GetProperty("message").GetString(), error.GetProperty("column").GetInt32(), error.GetProperty("row").ValueKind));
    }

    [Fact]
    public async Task A_scheme_error_without_a_row_leaves_every_row_of_the_change_job_not_applied_with_the_message()
    {
        Sandbox.UseVariants(SandboxVariant.SchemeErrorsWithoutRow);
        using var connection = await Sandbox.ConnectCcaiAsync();
        var legacyId = GiveLegacyAddress("user-004");
        await Sandbox.ClearRequestLogAsync();

        var results = await MoveToRemoteAsync(connection, legacyId);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Equal("The platform did not confirm the change: Must be a valid email (email)", r.Message));
        // Nothing settled in the first job, so it is not sent again: it would be refused the same way.
        Assert.Equal(1, await Sandbox.CallsAsync("POST", Jobs + "/upload"));
        Assert.DoesNotContain("Remote", Locations());
    }

    [Fact]
    public async Task A_scheme_error_with_its_row_refuses_that_row_and_the_others_go_again_and_land()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var legacyId = GiveLegacyAddress("user-004");
        await Sandbox.ClearRequestLogAsync();

        var results = await MoveToRemoteAsync(connection, legacyId);

        Assert.Equal([(OperationStatus.Failed, "Must be a valid email (email)"), (OperationStatus.Succeeded, null)],
            results.Select(r => (r.Status, r.Status == OperationStatus.Failed ? r.Message : null)));
        Assert.Equal(2, await Sandbox.CallsAsync("POST", Jobs + "/upload"));
        Assert.Equal([false, true], Locations().Select(l => l == "Remote"));
    }

    // user-004 is in Berlin and user-002 in Lisbon: moving both to Remote changes each.
    private string GiveLegacyAddress(string id)
    {
        Sandbox.GiveLegacyAddress(Sandbox.Query("SELECT email FROM users WHERE id = @i", r => r.GetString(0), ("@i", id)).Single());
        return id;
    }

    private static Task<List<OperationResult>> MoveToRemoteAsync(UserMgmtConnection connection, string legacyId)
    {
        var remote = new Dictionary<string, IReadOnlyList<string>> { ["location"] = ["Remote"] };
        return Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(
        [
            new AttributeRequest(1, null, legacyId, remote),
            new AttributeRequest(2, null, "user-002", remote),
        ], default));
    }

    private List<string> Locations() => Sandbox.Query(
        "SELECT IFNULL(location, '') FROM users WHERE id IN ('user-004', 'user-002') ORDER BY id DESC", r => r.GetString(0));

    // Uploads a file over raw HTTP (the scheme is checked on upload), and reads its scheme-error log (and checks the status carries the same).
    private async Task<JsonElement> SchemeErrorsOfAsync(string file, bool alsoFromStatus = false)
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var upload = SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", Jobs + "/upload"));
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "scheme.json");
        upload.Content = form;
        using var uploaded = await http.SendAsync(upload);
        var id = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var checkedJob = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"{Jobs}/jobs/{id}")));
        Assert.Contains("invalid_scheme", await checkedJob.Content.ReadAsStringAsync());

        using var log = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"{Jobs}/errors/scheme/{id}")));
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        var errors = JsonDocument.Parse(await log.Content.ReadAsStringAsync()).RootElement;
        if (alsoFromStatus)
        {
            using var status = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"{Jobs}/jobs/{id}")));
            var carried = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("scheme_errors");
            Assert.Equal(errors.GetRawText(), carried.GetRawText());
        }
        return errors;
    }
}
