using System.Text;
using System.Text.Json;
using UserMgmt.Bulk;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Ccai;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Rules of the vendor's file table (P2, "Bulk user management endpoints") held on both sides: the client refuses a row
/// before upload, naming its row and field, and the sandbox's scheme check refuses the file in that column.
/// </summary>
public sealed class CcaiFileRuleTests : SandboxTest
{
    private const string Jobs = "/apps/api/v1/bulk/users";

    private static readonly BulkUserTemplate Template = new()
    {
        Rows = [], Roles = new HashSet<string>(), Teams = new HashSet<string>(), Locations = new HashSet<string>(),
    };

    private static BulkUserRow Row(int number, string email) => new() { Email = email, FirstName = "A", LastName = "A", SourceRow = number };

    // P2: max_chat_limit is "1 to X (where X is configured ...)".
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void The_client_refuses_a_max_chat_limit_below_1_naming_the_row_and_field(int limit)
    {
        var problems = BulkRowValidator.Validate([Row(1, "a@company.com"), Row(2, "b@company.com") with { MaxChatLimit = limit }], Template);

        Assert.Equal($"row 2, max_chat_limit: Max chat limit {limit} must be 1 or more.", Assert.Single(problems).ToString());
    }

    [Fact]
    public void The_client_takes_a_max_chat_limit_of_1()
    {
        Assert.Empty(BulkRowValidator.Validate([Row(1, "a@company.com") with { MaxChatLimit = 1 }], Template));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task The_sandbox_refuses_a_max_chat_limit_below_1_as_a_scheme_error_in_its_column(int limit)
    {
        var errors = await SchemeErrorsOfAsync($$"""
            [{"email":"a@company.com","first_name":"A","last_name":"A","max_chat_limit":1},
             {"email":"b@company.com","first_name":"B","last_name":"B","max_chat_limit":{{limit}}}]
            """);

        Assert.Equal([(BulkFile.ColumnOf("max_chat_limit"), 2)], errors.Select(e => (e.Column, e.Row)));
    }

    [Fact]
    public void The_sandbox_refuses_a_max_chat_limit_above_the_tenants_bound_when_one_is_set()
    {
        const string file = """[{"email":"a@company.com","first_name":"A","last_name":"A","max_chat_limit":5}]""";

        Assert.Empty(BulkFile.Validate(file, out _));
        Assert.Empty(BulkFile.Validate(file, out _, maxChatLimit: 5));
        var error = Assert.Single(BulkFile.Validate(file, out _, maxChatLimit: 4));
        Assert.Equal(("Max chat limit must be a whole number from 1 to 4", 8, 1), (error.Message, error.Column, error.Row));
    }

    [Fact]
    public void The_sandbox_takes_the_tenants_bound_from_the_command_line_and_refuses_one_below_1()
    {
        Assert.Null(SandboxOptions.Parse([]).CcaiMaxChatLimit);
        Assert.Equal(12, SandboxOptions.Parse(["--ccai-max-chat-limit", "12"]).CcaiMaxChatLimit);
        Assert.Contains("--ccai-max-chat-limit", Assert.Throws<ArgumentException>(() => SandboxOptions.Parse(["--ccai-max-chat-limit", "0"])).Message);
        Assert.Contains("--ccai-max-chat-limit", Assert.Throws<ArgumentException>(() => SandboxOptions.Parse(["--ccai-max-chat-limit", "many"])).Message);
    }

    // P2: new_email "Must be unique within the file within New Email column (no duplicates)", as email is.
    [Fact]
    public void The_client_refuses_a_new_email_repeated_in_the_input_naming_the_row_and_field()
    {
        var problems = BulkRowValidator.Validate(
        [
            Row(1, "a@company.com") with { NewEmail = "same@company.com" },
            Row(2, "b@company.com") with { NewEmail = "other@company.com" },
            Row(3, "c@company.com") with { NewEmail = "Same@Company.com" },
        ], Template);

        Assert.Equal("row 3, new_email: New email 'Same@Company.com' repeats row 1.", Assert.Single(problems).ToString());
    }

    [Fact]
    public async Task The_sandbox_refuses_a_new_email_repeated_in_the_file_as_a_scheme_error_in_its_column()
    {
        var errors = await SchemeErrorsOfAsync("""
            [{"email":"a@company.com","first_name":"A","last_name":"A","new_email":"same@company.com"},
             {"email":"b@company.com","first_name":"B","last_name":"B","new_email":"other@company.com"},
             {"email":"c@company.com","first_name":"C","last_name":"C","new_email":"SAME@company.com"}]
            """);

        Assert.Equal([(BulkFile.ColumnOf("new_email"), 3)], errors.Select(e => (e.Column, e.Row)));
    }

    // Uploads a file over raw HTTP (the scheme is checked on upload) and reads its scheme-error log.
    private async Task<List<(int? Column, int? Row)>> SchemeErrorsOfAsync(string file)
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var upload = SandboxHttp.Signed(Sandbox, new SandboxRoute("POST", Jobs + "/upload"));
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "rules.json");
        upload.Content = form;
        using var uploaded = await http.SendAsync(upload);
        var id = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var log = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute("GET", $"{Jobs}/errors/scheme/{id}")));
        return JsonDocument.Parse(await log.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Select(e => (Number(e, "column"), Number(e, "row"))).ToList();
    }

    private static int? Number(JsonElement error, string name) =>
        error.GetProperty(name).ValueKind == JsonValueKind.Number ? error.GetProperty(name).GetInt32() : null;
}
