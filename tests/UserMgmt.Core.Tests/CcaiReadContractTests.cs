using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests;

/// <summary>
/// Contract tests for CCAI Platform's reads: the vendor's documented examples are served as typed in
/// here, and the client must send exactly the documented request and read exactly what the answer says.
/// Sources are named as in docs/providers/ccai.md.
/// </summary>
public sealed class CcaiReadContractTests
{
    // P1, "Retrieve json template": GET apps/api/v1/bulk/users/template, empty request; the answer's
    // first row as the page shows it. The page's excerpt stops inside the roles, so the teams here
    // are ours, in the same {name, value} form.
    private const string TemplateExample = """
        [
          {
            "email": "user1@yourcompany.co",
            "new_email": "user1@yourcompany.cx",
            "agent_number": "A-001",
            "first_name": "John",
            "last_name": "aa",
            "status": "Active",
            "location": "Mexico",
            "max_chat_limit": 2,
            "max_chat_limit_enabled": 0,
            "roles": [
              { "name": "Admin", "value": 0 },
              { "name": "Manager", "value": 1 },
              { "name": "Agent", "value": 0 }
            ],
            "teams": [
              { "name": "Support", "value": 1 },
              { "name": "Sales", "value": 0 }
            ]
          }
        ]
        """;

    [Fact]
    public async Task The_template_example_is_read_as_P1_shows_it()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/apps/api/v1/bulk/users/template", () => Results.Text(TemplateExample, "application/json")));
        using var client = HostileClient.Client(server, "Ccai");

        var template = await client.BulkJobs!.GetTemplateAsync(HostileClient.Patience());

        var sent = Assert.Single(server.Seen);
        Assert.Equal(("GET", "/apps/api/v1/bulk/users/template", ""), (sent.Method, sent.Path, sent.Query));
        Assert.False(sent.Headers.TryGetValue("Content-Length", out var length) && length != "0");
        var row = Assert.Single(template.Rows);
        Assert.Equal(("user1@yourcompany.co", "A-001", "John", "aa", "Active", "Mexico"),
            (row.Email, row.AgentNumber, row.FirstName, row.LastName, row.Status, row.Location));
        Assert.Equal((2, false), (row.MaxChatLimit, row.MaxChatLimitEnabled));
        Assert.Equal(["Manager"], row.Roles);
        Assert.Equal(["Support"], row.Teams);
        Assert.Equal(new SortedSet<string> { "Admin", "Agent", "Manager" }, new SortedSet<string>(template.Roles));
        Assert.Equal(new SortedSet<string> { "Sales", "Support" }, new SortedSet<string>(template.Teams));
        Assert.Equal(["Mexico"], template.Locations);
    }

    // P3 leaves the System ID's type, "no value" for deactivated_at and the shape of team lists open; P2 calls
    // agent_number an unvalidated string and lets status be empty; P1 shows a flag as the number 0.
    private const string LooseUsers = """
        [
          { "id": 501, "email": "numbers@company.com", "first_name": "Num", "last_name": "Bers", "agent_number": 42,
            "status": "", "deactivated_at": "", "location": null, "max_chat_limit": "", "max_chat_limit_enabled": true,
            "roles": [ { "name": "Agent", "value": true }, { "name": "Admin", "value": null } ],
            "teams": [ { "name": "Support", "value": "1" }, { "name": "Sales", "value": 0 } ] },
          { "id": "u-2", "email": "listed@company.com", "last_name": "Listed", "deactivated_at": "2025-03-01T10:00:00Z",
            "roles": [ { "id": 7, "name": "Supervisor" } ],
            "teams": [ { "id": "t-1", "name": "Support" }, { "id": "t-2", "name": "Night" } ] }
        ]
        """;

    [Fact]
    public async Task Loose_values_the_sources_allow_are_read()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/apps/api/v1/users", () => Results.Text(LooseUsers, "application/json")));
        using var client = HostileClient.Client(server, "Ccai");

        var users = (await client.ListUsersAsync(null, 0, 100, HostileClient.Patience())).Users;

        Assert.Equal("?page=1&per_page=100", Assert.Single(server.Seen).Query);
        Assert.Equal(2, users.Count);
        var numbers = users[0];
        Assert.Equal(("501", UserStatus.Active), (numbers.Id, numbers.Status));
        Assert.Equal(["42"], numbers.Attributes["agentNumber"]);
        Assert.False(numbers.Attributes.ContainsKey("location"));
        Assert.Equal(["Agent"], numbers.Roles);
        Assert.Equal(["Support"], numbers.Groups);
        var listed = users[1];
        Assert.Equal(("u-2", UserStatus.Inactive), (listed.Id, listed.Status));
        Assert.Equal(["Supervisor"], listed.Roles);
        Assert.Equal(["Support", "Night"], listed.Groups);
    }

    // No source types the chat limit or its switch: a value no whole number can be read from is no value for
    // that user, never a page of users the client cannot read.
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("2.5")]
    [InlineData("99999999999999999999999")]
    [InlineData("\"0x10\"")]
    [InlineData("\"NaN\"")]
    [InlineData("[1, [2, {\"a\": [3]}]]")]
    [InlineData("{\"limit\": 2}")]
    public async Task An_odd_chat_limit_leaves_the_page_readable(string odd)
    {
        var page = $$"""
            [
              { "id": "1", "email": "odd@company.com", "max_chat_limit": {{odd}}, "max_chat_limit_enabled": {{odd}}, "status": "Active" },
              { "id": "2", "email": "plain@company.com", "max_chat_limit": -0, "max_chat_limit_enabled": " 1 ", "status": "Active" }
            ]
            """;
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/apps/api/v1/users", () => Results.Text(page, "application/json")));
        using var client = HostileClient.Client(server, "Ccai");

        var users = (await client.ListUsersAsync(null, 0, 100, HostileClient.Patience())).Users;

        Assert.Equal(["odd@company.com", "plain@company.com"], users.Select(u => u.Email));
    }

    // P3: chosen users are named without a page number; the id goes alone.
    [Fact]
    public async Task A_user_is_asked_for_by_id_alone()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/apps/api/v1/users", (string? id) => Results.Text(id == "501" ? LooseUsers.Replace("\"u-2\"", "\"u-3\"") : "[]", "application/json")));
        using var client = HostileClient.Client(server, "Ccai");

        var user = await client.GetUserAsync("501", HostileClient.Patience());

        Assert.Equal("numbers@company.com", user?.Email);
        Assert.Equal("?id=501", Assert.Single(server.Seen).Query);
    }
}
