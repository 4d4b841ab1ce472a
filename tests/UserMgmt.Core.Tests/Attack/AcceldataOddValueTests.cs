using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Acceldata answers whose values are not in the form the API description types them. S0 shows attributes as lists of
/// text and nothing in the vendor's text types the flags or the page counts, so one odd value must not make a page
/// unreadable; a value that truly cannot be read is an error naming the user it belongs to, never a crash or a hang.
/// </summary>
public sealed class AcceldataOddValueTests
{
    public static TheoryData<string, string[]> AttributeValues() => new()
    {
        { "\"x\"", ["x"] },
        { "5", ["5"] },
        { "true", ["true"] },
        { "null", [] },
        { "[]", [] },
        { "[\"a\", 2, null, false]", ["a", "2", "false"] },
        { "{\"a\": 1}", ["{\"a\": 1}"] },
        { "[[\"n\"], {\"b\": 2}]", ["[\"n\"]", "{\"b\": 2}"] },
    };

    [Theory, MemberData(nameof(AttributeValues))]
    public async Task An_attribute_in_another_form_is_read_as_the_text_it_carries(string json, string[] expected)
    {
        var users = await ListAsync($$$"""{"userId": "u2", "email": "b@example.com", "attributes": {"odd": {{{json}}}, "team": ["x"]}}""");

        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], users.Select(u => u.Email));
        Assert.Equal(expected, users[1].Attributes["odd"]);
        Assert.Equal(["x"], users[1].Attributes["team"]);
    }

    public static TheoryData<string, UserStatus> Flags() => new()
    {
        { "true", UserStatus.Active }, { "false", UserStatus.Inactive },
        { "1", UserStatus.Active }, { "0", UserStatus.Inactive },
        { "\"1\"", UserStatus.Active }, { "\"0\"", UserStatus.Inactive },
        { "\"yes\"", UserStatus.Active }, { "\"No\"", UserStatus.Inactive },
        { "\"TRUE\"", UserStatus.Active }, { "null", UserStatus.Active }, { "\"\"", UserStatus.Active },
    };

    [Theory, MemberData(nameof(Flags))]
    public async Task Enabled_is_read_in_any_form_a_flag_takes(string json, UserStatus expected)
    {
        var users = await ListAsync($$"""{"userId": "u2", "email": "b@example.com", "isEmailVerified": 1, "enabled": {{json}}}""");

        Assert.Equal(expected, users[1].Status);
    }

    [Theory]
    [InlineData("enabled", "2")]
    [InlineData("enabled", "\"maybe\"")]
    [InlineData("enabled", "{}")]
    [InlineData("scimManaged", "[true]")]
    [InlineData("isEmailVerified", "0.5")]
    public async Task A_flag_no_truth_can_be_read_from_is_an_error_naming_the_user(string field, string json)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() =>
            ListAsync($$"""{"userId": "u2", "email": "b@example.com", "{{field}}": {{json}}}"""));

        Assert.Contains($"The '{field}' flag of user 2 of the listing (b@example.com)", error.Message);
    }

    [Fact]
    public async Task Attributes_that_are_not_a_map_are_an_error_naming_the_user()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() =>
            ListAsync("""{"userId": "u2", "email": "b@example.com", "attributes": ["team", "x"]}"""));

        Assert.Contains("The attributes of user 2 of the listing (b@example.com) are not a map", error.Message);
    }

    [Fact]
    public async Task Numbers_where_text_is_expected_and_times_out_of_range_read_without_a_crash()
    {
        var users = await ListAsync("""
            {"userId": 42, "email": "b@example.com", "firstName": 7, "createdOn": 1e30, "lastAccessOn": "yesterday",
             "groups": [{"name": 12}, 13, {"name": {"x": 1}}, null], "roles": [{"name": null}]}
            """);

        var user = users[1];
        Assert.Equal("42", user.Id);
        Assert.Equal("7", user.FirstName);
        Assert.Null(user.Created);
        // A sign-in time in a form the client cannot read is a sign-in all the same.
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Equal(["12", "13"], user.Groups);
        Assert.Empty(user.Roles);
    }

    public static TheoryData<string> Totals() => ["", "\"meta\": null,", "\"meta\": {\"total\": null},", "\"meta\": {\"total\": -5},",
        "\"meta\": {\"total\": \"lots\"},", "\"meta\": {\"total\": 1e20},", "\"meta\": {\"total\": 10},", "\"meta\": {\"total\": 2.5},",
        "\"meta\": {\"total\": \"250\"},", "\"meta\": {\"total\": {}},"];

    [Theory, MemberData(nameof(Totals))]
    public async Task Every_user_is_read_once_whatever_the_total_says(string meta)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", (int first, int max) =>
            Results.Text($$"""{{{meta}} "users": [{{string.Join(",", Enumerable.Range(0, 250).Skip(first).Take(max)
                .Select(i => $$"""{"userId": "u{{i}}", "email": "u{{i}}@example.com"}"""))}}]}""", "application/json")));
        using var client = HostileClient.Client(server);
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(null, null, found.Add, HostileClient.Patience());

        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"u{i}@example.com"), found.Select(u => u.Email));
    }

    [Theory, MemberData(nameof(Totals))]
    public async Task Every_group_is_read_once_whatever_the_total_says(string meta)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/groups", (int first, int last) =>
            Results.Text($$"""{{{meta}} "groups": [{{string.Join(",", Enumerable.Range(0, 450).Skip(first).Take(last)
                .Select(i => $$"""{"id": {{i}}, "name": "Group {{i}}", "membersCount": "many"}"""))}}]}""", "application/json")));
        using var client = HostileClient.Client(server);

        var groups = await client.ListGroupsAsync(HostileClient.Patience());

        Assert.Equal(Enumerable.Range(0, 450).Select(i => $"{i}"), groups.Select(g => g.Id));
    }

    [Fact]
    public async Task A_group_without_a_name_is_listed_by_its_id_and_one_without_an_id_is_an_error_naming_its_place()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/groups", () =>
            Results.Text("""{"groups": [{"id": "g1", "name": null}, {"id": "g2", "name": "Ops"}]}""", "application/json")));
        using var client = HostileClient.Client(server);

        var groups = await client.ListGroupsAsync(HostileClient.Patience());
        Assert.Equal(["g1", "g2"], groups.Select(g => g.Id));
        Assert.Equal("", groups[0].Name);

        await using var noId = await HostileServer.StartAsync(app => app.MapGet("/admin/api/groups", () =>
            Results.Text("""{"groups": [{"id": "g1", "name": "Sales"}, {"id": {}, "name": "Ops"}]}""", "application/json")));
        using var noIdClient = HostileClient.Client(noId);
        var error = await Assert.ThrowsAsync<FormatException>(() => noIdClient.ListGroupsAsync(HostileClient.Patience()));
        Assert.Contains("Group 2 of the listing (Ops) has no id", error.Message);
    }

    [Theory]
    [InlineData("""{"email": "SECRET"}""")]
    [InlineData("""{"userId": "u2", "email": "b@example.com", "enabled": "SECRET"}""")]
    [InlineData("""{"userId": "u2", "email": "SECRET", "attributes": "x"}""")]
    [InlineData("""{"userId": "u2", "email": "SECRET", "scimManaged": 7}""")]
    public async Task An_error_about_an_unreadable_value_never_shows_the_secret_the_platform_echoed(string user)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ListAsync(user.Replace("SECRET", JsonEncodedText.Encode(HostileClient.Secret).ToString())));

        Assert.DoesNotContain(HostileClient.Secret, error.Message);
        Assert.DoesNotContain(HostileClient.Secret[..8], error.Message);
    }

    [Fact]
    public async Task Setting_an_attribute_writes_the_others_back_exactly_as_the_platform_sent_them()
    {
        const string user = """{"userId": "u1", "email": "a@example.com", "attributes": {"odd": 5, "shape": {"a": [1, null]}, "team": ["x"]}}""";
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/admin/api/users/u1", () => Results.Text(user, "application/json"));
            app.MapPut("/admin/api/users/u1", () => Results.Json(new { status = true }));
        });
        using var client = HostileClient.Client(server);

        await client.SetAttributesAsync("u1", new Dictionary<string, IReadOnlyList<string>> { ["team"] = ["y"] }, HostileClient.Patience());

        var sent = JsonDocument.Parse(server.Seen.Single(r => r.Method == "PUT").Body).RootElement.GetProperty("attributes");
        Assert.Equal("5", sent.GetProperty("odd").GetRawText());
        Assert.Equal("""{"a":[1,null]}""", sent.GetProperty("shape").GetRawText());
        Assert.Equal("""["y"]""", sent.GetProperty("team").GetRawText());
    }

    /// <summary>One page of three users, the middle one as given.</summary>
    private static async Task<List<User>> ListAsync(string middle)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", () => Results.Text(
            $$$"""{"users": [{"userId": "u1", "email": "a@example.com"}, {{{middle}}}, {"userId": "u3", "email": "c@example.com"}], "meta": {"total": 3}}""",
            "application/json")));
        using var client = HostileClient.Client(server);
        var found = new List<User>();
        await new DirectoryQueries(client).ListUsersAsync(null, null, found.Add, HostileClient.Patience());
        return found;
    }
}
