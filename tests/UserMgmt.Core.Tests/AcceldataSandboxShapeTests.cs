using System.Net;
using System.Text.Json;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// The sandbox's Acceldata endpoints take only the form the configured tenant takes (strict: the guides'
/// group ids in groupIds) and answer in the shape each variant names; raw HTTP, since the client would
/// never send the wrong form.
/// </summary>
public sealed class AcceldataSandboxShapeTests : SandboxTest
{
    private const string Ben = "ben.okafor@example.com";

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string method, string path, string? body = null)
    {
        using var http = SandboxHttp.Client(Sandbox);
        using var response = await http.SendAsync(SandboxHttp.Signed(Sandbox, new SandboxRoute(method, path), SandboxOptions.DemoAccessKey, SandboxOptions.DemoSecretKey, body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private string GroupId(string name) => Sandbox.Query("SELECT id FROM groups WHERE name = @n", r => r.GetString(0), ("@n", name)).Single();

    public static TheoryData<string, string, HttpStatusCode> Assignments() => new()
    {
        // variant, body ({id} / {name} filled in), answer
        { "strict", """{"groupIds": ["{id}"]}""", HttpStatusCode.OK },
        { "strict", """{"groupIds": ["{name}"]}""", HttpStatusCode.NotFound },
        { "strict", """{"data": {"groups": ["{id}"]}}""", HttpStatusCode.BadRequest },
        { nameof(SandboxVariant.GroupIdsHoldNames), """{"groupIds": ["{name}"]}""", HttpStatusCode.OK },
        { nameof(SandboxVariant.GroupIdsHoldNames), """{"groupIds": ["{id}"]}""", HttpStatusCode.NotFound },
        { nameof(SandboxVariant.DataGroupsBody), """{"data": {"groups": ["{id}"]}}""", HttpStatusCode.OK },
        { nameof(SandboxVariant.DataGroupsBody), """{"groupIds": ["{id}"]}""", HttpStatusCode.BadRequest },
    };

    [Theory, MemberData(nameof(Assignments))]
    public async Task A_group_assignment_is_taken_only_in_the_tenants_form(string variant, string body, HttpStatusCode expected)
    {
        if (variant != "strict") Sandbox.UseVariants(Enum.Parse<SandboxVariant>(variant));

        var (status, _) = await SendAsync("PUT", "/admin/api/users/user-002/assign-groups", body.Replace("{id}", GroupId("Contractors")).Replace("{name}", "Contractors"));

        Assert.Equal(expected, status);
        Assert.Equal(expected == HttpStatusCode.OK, Sandbox.GroupsOf(Ben).Contains("Contractors"));
    }

    [Fact]
    public async Task Under_error_envelope_with_200_a_refused_write_answers_200_and_status_false_but_a_read_keeps_its_404()
    {
        Sandbox.UseVariants(SandboxVariant.ErrorEnvelopeWith200);

        var (written, refusal) = await SendAsync("PUT", "/admin/api/users/user-nobody", """{"enabled": false}""");
        var (read, _) = await SendAsync("GET", "/admin/api/users/user-nobody");

        Assert.Equal(HttpStatusCode.OK, written);
        Assert.False(refusal.GetProperty("status").GetBoolean());
        Assert.Contains("user-nobody", refusal.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, read);
    }

    [Fact]
    public async Task Under_group_create_envelope_only_a_creation_answers_without_the_id()
    {
        Sandbox.UseVariants(SandboxVariant.GroupCreateEnvelopeOnly);

        var (status, body) = await SendAsync("POST", "/admin/api/groups", """{"name": "Customer Analytics"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("id", out _));
        Assert.True(Sandbox.GroupExists("Customer Analytics"));
    }

    // Review finding 6: O answers a creation 200 with GroupDetails (members, roles, domainRoleMappings); the old
    // default answered 201 with the list's shape, which is now the variant group-create-list-shape.
    [Theory]
    [InlineData("strict", HttpStatusCode.OK, "members")]
    [InlineData(nameof(SandboxVariant.GroupCreateListShape), HttpStatusCode.Created, "membersCount")]
    public async Task A_creation_answers_the_group_in_the_tenants_shape(string variant, HttpStatusCode expected, string field)
    {
        if (variant != "strict") Sandbox.UseVariants(Enum.Parse<SandboxVariant>(variant));

        var (status, body) = await SendAsync("POST", "/admin/api/groups", """{"name": "Customer Analytics"}""");

        Assert.Equal(expected, status);
        Assert.Equal(GroupId("Customer Analytics"), body.GetProperty("id").GetString());
        Assert.True(body.TryGetProperty(field, out _));
        Assert.Equal(variant == "strict", body.TryGetProperty("domainRoleMappings", out _));
    }

    // Review finding 7: O answers a group update 200 with GroupDetails, not the Status envelope.
    [Fact]
    public async Task A_group_update_answers_the_group_with_its_members()
    {
        var (status, body) = await SendAsync("PUT", $"/admin/api/groups/{GroupId("Contractors")}",
            """{"name": "Contractors", "usersAdded": ["user-002"], "usersRemoved": []}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("status", out _));
        Assert.Equal("Contractors", body.GetProperty("name").GetString());
        Assert.Contains("user-002", body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("strict", """{"department":["Sales"],"title":["Lead"]}""")]
    [InlineData(nameof(SandboxVariant.AttributesPutReplaces), """{"title":["Lead"]}""")]
    public async Task A_users_attributes_are_merged_or_under_the_variant_replaced(string variant, string expected)
    {
        if (variant != "strict") Sandbox.UseVariants(Enum.Parse<SandboxVariant>(variant));
        await SendAsync("PUT", "/admin/api/users/user-002", """{"attributes": {"department": ["Sales"]}}""");

        await SendAsync("PUT", "/admin/api/users/user-002", """{"attributes": {"title": ["Lead"]}}""");

        Assert.Equal(expected, Sandbox.AttributesJson(Ben));
    }

    [Fact]
    public async Task A_group_update_without_the_name_the_spec_requires_is_refused()
    {
        var (status, body) = await SendAsync("PUT", $"/admin/api/groups/{GroupId("Contractors")}", """{"usersAdded": ["user-002"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'name'", body.GetProperty("message").GetString());
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf(Ben));
    }

    /// <summary>acceldata.md D8: no source publishes a limit, so the sandbox holds the client to the ones it assumes.</summary>
    [Theory]
    [InlineData("POST", "/admin/api/users/invite-users", 101)]
    [InlineData("GET", "/admin/api/users/list", 51)]
    public async Task A_call_carrying_more_than_the_assumed_limit_is_refused_and_changes_nothing(string method, string path, int count)
    {
        var users = Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt64(0)).Single();
        var many = Enumerable.Range(1, count).Select(i => $"many{i}@company.com").ToList();

        var (status, body) = method == "GET"
            ? await SendAsync(method, $"{path}?ids={string.Join(',', many)}")
            : await SendAsync(method, path, JsonSerializer.Serialize(new { emails = many }));
        var (atTheLimit, _) = method == "GET"
            ? await SendAsync(method, $"{path}?ids={string.Join(',', many.Skip(1))}")
            : await SendAsync(method, path, JsonSerializer.Serialize(new { emails = many.Skip(1) }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"{count} were sent", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, atTheLimit);
        Assert.Equal(users + (method == "GET" ? 0 : count - 1), Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt64(0)).Single());
    }

    [Fact]
    public async Task An_invitation_is_taken_only_in_the_seeds_body()
    {
        var (status, body) = await SendAsync("POST", "/admin/api/users/invite-users", """{"userDetails": [{"email": "new@company.com"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'emails'", body.GetProperty("message").GetString());
        Assert.Equal(0, Sandbox.CountUsers("new@company.com"));
    }

    /// <summary>The vendors' APIs send and take application/json: a JSON body under another type is refused with 415, and nothing changes.</summary>
    [Theory]
    [InlineData("POST", "/admin/api/users/invite-users", """{"emails": ["typed@company.com"]}""")]
    [InlineData("PUT", "/admin/api/users/user-002", """{"firstName": "Typed"}""")]
    [InlineData("PUT", "/admin/api/users/user-002/assign-groups", """{"groupIds": ["{contractors}"]}""")]
    [InlineData("PUT", "/admin/api/users/user-002/remove-groups", """{"groupIds": ["{contractors}"]}""")]
    [InlineData("POST", "/admin/api/groups/", """{"name": "Typed"}""")]
    [InlineData("POST", "/apps/api/v1/bulk/users/proceed", """{"id": 1}""")]
    public async Task A_json_body_sent_as_another_media_type_is_refused_with_415(string method, string path, string body)
    {
        await Sandbox.ClearRequestLogAsync();
        using var http = SandboxHttp.Client(Sandbox);
        using var request = SandboxHttp.Signed(Sandbox, new SandboxRoute(method, path), body.Replace("{contractors}", GroupId("Contractors")));
        request.Content = new StringContent(body.Replace("{contractors}", GroupId("Contractors")), System.Text.Encoding.UTF8, "text/plain");

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Contains("application/json", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0, Sandbox.CountUsers("typed@company.com"));
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf(Ben));
        Assert.Empty(Sandbox.Query("SELECT name FROM groups WHERE name = 'Typed'", r => r.GetString(0)));
        Assert.Empty(Sandbox.Query("SELECT id FROM users WHERE first_name = 'Typed'", r => r.GetString(0)));
    }
}
