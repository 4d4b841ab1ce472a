using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Scim;

/// <summary>
/// The sandbox's SCIM service with the real SCIM provider connected to it: the scenarios the provider runs
/// elsewhere, the same store seen through the Acceldata API, and the refusals that catch a client's mistakes.
/// </summary>
public sealed class SandboxScimTests : SandboxTest
{
    private const string ScimJson = "application/scim+json";

    private Uri ScimUri => new(Sandbox.BaseUri, "scim/v2");

    private Task<UserMgmtConnection> ConnectAsync() => ScimTenants.ConnectAsync(ScimUri, SandboxOptions.DemoSecretKey);

    [Fact]
    public async Task Inviting_with_groups_creates_each_user_once_in_every_group_and_the_Acceldata_side_sees_them()
    {
        using var connection = await ConnectAsync();
        string[] people = ["new.one@company.com", "new.two@company.com"];

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(people, "Contractors", "Read-Only-Access"), default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        foreach (var email in people)
        {
            Assert.Equal(1, Sandbox.CountUsers(email));
            Assert.Equal(["Contractors", "Read-Only-Access"], Sandbox.GroupsOf(email));
            Assert.True(Sandbox.IsEnabled(email));
        }
        using var acceldata = await Sandbox.ConnectAsync();
        var seen = await acceldata.Client.ListUsersAsync("new.one@company.com", 0, 10, default);
        Assert.Equal(["Contractors", "Read-Only-Access"], Assert.Single(seen.Users).Groups.Order());
    }

    [Fact]
    public async Task A_user_invited_through_Acceldata_is_read_through_SCIM_with_its_groups_and_department()
    {
        using var acceldata = await Sandbox.ConnectAsync();
        await Rows.ApplyAsync(acceldata, p => p.PlanInvitationsAsync(Rows.Invitations(["from.adoc@company.com"], "Engineering"), default));
        using var http = Http();

        var list = await ReadAsync(await http.GetAsync("scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"FROM.ADOC@company.com\"")));
        var user = Assert.Single(list.GetProperty("Resources").EnumerateArray());
        Assert.Equal("from.adoc@company.com", user.GetProperty("userName").GetString());
        Assert.Equal("Engineering", Assert.Single(user.GetProperty("groups").EnumerateArray()).GetProperty("display").GetString());
        Assert.Equal("User", user.GetProperty("meta").GetProperty("resourceType").GetString());

        var kara = await ReadAsync(await http.GetAsync("scim/v2/Users/user-011"));
        Assert.Equal("Data Platform", kara.GetProperty("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").GetProperty("department").GetString());
        Assert.EndsWith("/scim/v2/Users/user-011", kara.GetProperty("meta").GetProperty("location").GetString());
    }

    [Fact]
    public async Task Adding_and_removing_members_keeps_everyone_else()
    {
        using var connection = await ConnectAsync();
        var before = Sandbox.MembersOf("Engineering");
        string[] moved = ["ada.lovelace@example.com", "ben.okafor@example.com"];

        var added = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(moved, "Engineering"), add: true, default));
        var afterAdd = Sandbox.MembersOf("Engineering");
        var removed = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(moved, "Engineering"), add: false, default));

        Assert.All(added.Concat(removed), r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(before.Union(moved).Order(), afterAdd.Order());
        Assert.Equal(before, Sandbox.MembersOf("Engineering"));
    }

    [Fact]
    public async Task A_department_is_set_and_a_user_disabled_and_nothing_else_changes()
    {
        using var connection = await ConnectAsync();
        const string user = "kara.singh@example.com";
        var groups = Sandbox.GroupsOf(user);
        var department = new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Data Science"] };

        var set = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync([new AttributeRequest(1, null, user, department)], default));
        var disabled = await Rows.ApplyAsync(connection, p => p.PlanUserStateAsync([new UserStateRequest(1, null, user)], enable: false, default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(set).Status);
        Assert.Equal(OperationStatus.Succeeded, Assert.Single(disabled).Status);
        Assert.Equal("""{"department":["Data Science"]}""", Sandbox.AttributesJson(user));
        Assert.False(Sandbox.IsEnabled(user));
        Assert.Equal(groups, Sandbox.GroupsOf(user));
    }

    [Fact]
    public async Task Every_user_is_read_across_pages_and_a_status_filter_keeps_the_disabled()
    {
        Sandbox.AddUsers(450);
        using var connection = await ConnectAsync();
        var queries = new DirectoryQueries(connection.Client);
        var everyone = new List<User>();
        var disabled = new List<User>();

        var total = await queries.ListUsersAsync(null, null, everyone.Add, default);
        await queries.ListUsersAsync(new UserQuery(null, null, UserStatus.Inactive), 0, null, disabled.Add, default);

        var stored = Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single();
        Assert.Equal(stored, total);
        Assert.Equal(stored, everyone.Select(u => u.Id).Distinct().Count());
        Assert.Equal(Sandbox.Query("SELECT email FROM users WHERE enabled = 0 ORDER BY email", r => r.GetString(0)), disabled.Select(u => u.Email).Order());
        Assert.Contains(disabled, u => u.Email == "hana.kim@example.com");
    }

    [Fact]
    public async Task A_list_pages_from_a_one_based_start_index_and_a_count_of_zero_gives_only_the_total()
    {
        using var http = Http();

        var page = await ReadAsync(await http.GetAsync("scim/v2/Users?startIndex=0&count=3"));
        var second = await ReadAsync(await http.GetAsync("scim/v2/Users?startIndex=3&count=3"));
        var none = await ReadAsync(await http.GetAsync("scim/v2/Users?count=0"));
        var capped = await ReadAsync(await http.GetAsync("scim/v2/Users?count=100000"));

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", page.GetProperty("schemas")[0].GetString());
        Assert.Equal(1, page.GetProperty("startIndex").GetInt32());
        Assert.Equal(3, page.GetProperty("itemsPerPage").GetInt32());
        Assert.Equal(40, page.GetProperty("totalResults").GetInt32());
        Assert.Equal(Ids(page)[2], Ids(second)[0]);
        Assert.Equal(0, none.GetProperty("itemsPerPage").GetInt32());
        Assert.Empty(none.GetProperty("Resources").EnumerateArray());
        Assert.Equal(40, none.GetProperty("totalResults").GetInt32());
        Assert.Equal(40, capped.GetProperty("itemsPerPage").GetInt32());
    }

    [Fact]
    public async Task Filters_combine_with_and_or_and_parentheses()
    {
        using var http = Http();
        var filter = "(name.givenName sw \"ha\" or name.familyName eq \"PETROV\") and active eq false";

        var list = await ReadAsync(await http.GetAsync("scim/v2/Users?filter=" + Uri.EscapeDataString(filter)));

        Assert.Equal(["hana.kim@example.com", "ivan.petrov@example.com"],
            list.GetProperty("Resources").EnumerateArray().Select(u => u.GetProperty("userName").GetString()).Order());
    }

    [Fact]
    public async Task A_user_created_through_SCIM_answers_201_with_its_location_and_a_taken_userName_409_uniqueness()
    {
        using var http = Http();
        const string body = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"scim.made@company.com","name":{"givenName":"Sci","familyName":"Made"}}""";

        using var created = await http.PostAsync("scim/v2/Users", Body(body));
        using var again = await http.PostAsync("scim/v2/Users", Body(body.Replace("scim.made", "SCIM.MADE")));
        using var noSchema = await http.PostAsync("scim/v2/Users", Body("""{"userName":"other@company.com"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(ScimJson, created.Content.Headers.ContentType?.MediaType);
        var resource = await ReadAsync(created);
        Assert.Equal(created.Headers.Location?.ToString(), resource.GetProperty("meta").GetProperty("location").GetString());
        Assert.Equal(1, Sandbox.CountUsers("scim.made@company.com"));
        await AssertErrorAsync(again, HttpStatusCode.Conflict, "uniqueness", "SCIM.MADE@company.com");
        await AssertErrorAsync(noSchema, HttpStatusCode.BadRequest, "invalidSyntax", "schemas");
        using var acceldata = await Sandbox.ConnectAsync();
        Assert.Equal("Sci", (await acceldata.Client.GetUserAsync(resource.GetProperty("id").GetString()!, default))?.FirstName);
    }

    [Fact]
    public async Task A_PATCH_without_the_PatchOp_schema_or_with_an_unknown_path_is_refused_and_changes_nothing()
    {
        using var http = Http();
        var before = Sandbox.AttributesJson("kara.singh@example.com");

        using var noSchema = await http.PatchAsync("scim/v2/Users/user-011",
            Body("""{"Operations":[{"op":"replace","path":"active","value":false}]}"""));
        using var badPath = await http.PatchAsync("scim/v2/Users/user-011",
            Body("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"title","value":"Lead"},{"op":"replace","path":"password","value":"x"}]}"""));
        using var ok = await http.PatchAsync("scim/v2/Users/user-011",
            Body("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"title","value":"Lead"},{"op":"REMOVE","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]}"""));

        await AssertErrorAsync(noSchema, HttpStatusCode.BadRequest, "invalidSyntax", "PatchOp");
        await AssertErrorAsync(badPath, HttpStatusCode.BadRequest, "invalidPath", "password");
        Assert.True(Sandbox.IsEnabled("kara.singh@example.com"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(before, Sandbox.AttributesJson("kara.singh@example.com"));
        Assert.Equal("""{"title":["Lead"]}""", Sandbox.AttributesJson("kara.singh@example.com"));
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_invalidFilter_and_never_a_500()
    {
        using var http = Http();

        foreach (var filter in new[] { "userName eq \"open", "(userName pr", "password eq \"x\"", "userName gt \"a\"", new string('(', 2_000), new string('a', 6_000), "emails[type eq \"work\"]" })
        {
            using var answer = await http.GetAsync("scim/v2/Users?filter=" + Uri.EscapeDataString(filter));
            await AssertErrorAsync(answer, HttpStatusCode.BadRequest, "invalidFilter", "");
        }
        using var groups = await http.GetAsync("scim/v2/Groups?filter=" + Uri.EscapeDataString("userName eq \"x\""));
        await AssertErrorAsync(groups, HttpStatusCode.BadRequest, "invalidFilter", "userName");
    }

    [Fact]
    public async Task Groups_are_created_patched_replaced_and_deleted_and_an_unknown_member_is_named()
    {
        using var http = Http();
        using var created = await http.PostAsync("scim/v2/Groups",
            Body("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Scim Team","members":[{"value":"user-001"}]}"""));
        var id = (await ReadAsync(created)).GetProperty("id").GetString()!;
        using var taken = await http.PostAsync("scim/v2/Groups", Body("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"scim team"}"""));

        using var unknown = await http.PatchAsync($"scim/v2/Groups/{id}", Body(Patch("""{"op":"add","path":"members","value":[{"value":"user-002"},{"value":"user-nobody"}]}""")));
        Assert.Equal(["ada.lovelace@example.com"], Sandbox.MembersOf("Scim Team"));
        using var patched = await http.PatchAsync($"scim/v2/Groups/{id}", Body(Patch(
            """{"op":"add","path":"members","value":[{"value":"user-002"},{"value":"user-003"}]}""",
            """{"op":"remove","path":"members[value eq \"user-001\"]"}""",
            """{"op":"replace","path":"displayName","value":"Scim Squad"}""")));
        var afterPatch = Sandbox.MembersOf("Scim Squad");
        using var put = await http.PutAsync($"scim/v2/Groups/{id}",
            Body("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Scim Squad","members":[{"value":"user-004"}]}"""));
        var listed = await ReadAsync(await http.GetAsync("scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"scim squad\"")));
        using var deleted = await http.DeleteAsync($"scim/v2/Groups/{id}");
        using var gone = await http.GetAsync($"scim/v2/Groups/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await AssertErrorAsync(taken, HttpStatusCode.Conflict, "uniqueness", "scim team");
        await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "invalidValue", "user-nobody");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(["ben.okafor@example.com", "chloe.martin@example.com"], afterPatch);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var member = Assert.Single(Assert.Single(listed.GetProperty("Resources").EnumerateArray()).GetProperty("members").EnumerateArray());
        Assert.Equal("user-004", member.GetProperty("value").GetString());
        Assert.EndsWith("/scim/v2/Users/user-004", member.GetProperty("$ref").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(gone, HttpStatusCode.NotFound, null, id);
        Assert.False(Sandbox.GroupExists("Scim Squad"));
    }

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_every_call_is_a_401_in_SCIMs_error_shape()
    {
        using var http = SandboxHttp.Client(Sandbox);

        using var none = await http.GetAsync("scim/v2/Users");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "scim/v2/ServiceProviderConfig");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        using var wrongAnswer = await http.SendAsync(wrong);

        await AssertErrorAsync(none, HttpStatusCode.Unauthorized, null, "token");
        await AssertErrorAsync(wrongAnswer, HttpStatusCode.Unauthorized, null, "token");
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => ScimTenants.ConnectAsync(ScimUri, "not-the-key"));
    }

    [Fact]
    public async Task The_service_describes_itself_and_its_calls_are_logged_by_route()
    {
        using var http = Http();

        var config = await ReadAsync(await http.GetAsync("scim/v2/ServiceProviderConfig"));
        var types = await ReadAsync(await http.GetAsync("scim/v2/ResourceTypes"));
        var schemas = await ReadAsync(await http.GetAsync("scim/v2/Schemas"));
        await http.GetAsync("scim/v2/Users/user-001");

        Assert.True(config.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.False(config.GetProperty("bulk").GetProperty("supported").GetBoolean());
        Assert.Equal(200, config.GetProperty("filter").GetProperty("maxResults").GetInt32());
        Assert.False(config.GetProperty("etag").GetProperty("supported").GetBoolean());
        Assert.Equal("oauthbearertoken", config.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());
        Assert.Equal(2, types.GetProperty("totalResults").GetInt32());
        Assert.Equal(3, schemas.GetProperty("totalResults").GetInt32());
        Assert.Equal(1, await Sandbox.CallsAsync("GET", "/scim/v2/Users/{id}"));
    }

    [Fact]
    public async Task A_PUT_replaces_what_a_client_may_write_ignores_what_it_may_not_and_a_DELETE_removes_the_user()
    {
        using var http = Http();
        var kara = await ReadAsync(await http.GetAsync("scim/v2/Users/user-011"));
        var groups = Sandbox.GroupsOf("kara.singh@example.com");
        var body = $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"someone-else","userName":"kara.singh@example.com",
             "name":{"givenName":"Kara","familyName":"Singh-Ray"},"active":false,"title":"Lead","groups":[],
             "meta":{{kara.GetProperty("meta").GetRawText()}}}
            """;

        using var put = await http.PutAsync("scim/v2/Users/user-011", Body(body));
        using var noUserName = await http.PutAsync("scim/v2/Users/user-011", Body("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}"""));
        using var deleted = await http.DeleteAsync("scim/v2/Users/user-012");
        using var gone = await http.GetAsync("scim/v2/Users/user-012");

        var replaced = await ReadAsync(put);
        Assert.Equal("user-011", replaced.GetProperty("id").GetString());
        Assert.Equal("Singh-Ray", replaced.GetProperty("name").GetProperty("familyName").GetString());
        Assert.False(Sandbox.IsEnabled("kara.singh@example.com"));
        Assert.Equal("""{"title":["Lead"]}""", Sandbox.AttributesJson("kara.singh@example.com"));
        Assert.Equal(groups, Sandbox.GroupsOf("kara.singh@example.com"));
        await AssertErrorAsync(noUserName, HttpStatusCode.BadRequest, "invalidValue", "userName");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(gone, HttpStatusCode.NotFound, null, "user-012");
        Assert.Equal(0, Sandbox.CountUsers("liam.murphy@example.com"));
    }

    [Fact]
    public async Task The_read_only_token_reads_and_is_refused_every_write_and_unknown_routes_answer_in_SCIMs_shape()
    {
        using var http = SandboxHttp.Client(Sandbox);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxOptions.DemoReadOnlySecretKey);

        using var read = await http.GetAsync("scim/v2/Groups");
        using var write = await http.PostAsync("scim/v2/Groups", Body("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Nope"}"""));
        using var nowhere = await http.GetAsync("scim/v2/Widgets");
        using var wrongType = await Http().PostAsync("scim/v2/Users", new StringContent("userName=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertErrorAsync(write, HttpStatusCode.Forbidden, null, "read");
        Assert.False(Sandbox.GroupExists("Nope"));
        await AssertErrorAsync(nowhere, HttpStatusCode.NotFound, null, "Widgets");
        await AssertErrorAsync(wrongType, HttpStatusCode.UnsupportedMediaType, null, "application/scim+json");
    }

    [Fact]
    public async Task A_PATCH_without_a_path_sets_each_attribute_of_its_value_and_a_remove_without_one_is_noTarget()
    {
        using var http = Http();

        using var set = await http.PatchAsync("scim/v2/Users/user-011", Body(Patch(
            """{"op":"replace","value":{"active":false,"name":{"givenName":"K."},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Research"}}}""")));
        using var remove = await http.PatchAsync("scim/v2/Users/user-011", Body(Patch("""{"op":"remove","value":{"title":"x"}}""")));

        var user = await ReadAsync(set);
        Assert.Equal("K.", user.GetProperty("name").GetProperty("givenName").GetString());
        Assert.False(Sandbox.IsEnabled("kara.singh@example.com"));
        Assert.Equal("""{"department":["Research"]}""", Sandbox.AttributesJson("kara.singh@example.com"));
        await AssertErrorAsync(remove, HttpStatusCode.BadRequest, "noTarget", "path");
    }

    private HttpClient Http()
    {
        var http = SandboxHttp.Client(Sandbox);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxOptions.DemoSecretKey);
        return http;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, ScimJson);

    private static string Patch(params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",", operations)}}]}""";

    private static List<string> Ids(JsonElement list) => list.GetProperty("Resources").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToList();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage answer)
    {
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {text}");
        Assert.Equal(ScimJson, answer.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage answer, HttpStatusCode status, string? scimType, string detailNames)
    {
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == status, $"expected {(int)status}, got {(int)answer.StatusCode}: {text}");
        Assert.Equal(ScimJson, answer.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", error.GetProperty("schemas")[0].GetString());
        Assert.Equal(((int)status).ToString(), error.GetProperty("status").GetString());
        Assert.Equal(scimType, error.TryGetProperty("scimType", out var type) ? type.GetString() : null);
        Assert.Contains(detailNames, error.GetProperty("detail").GetString());
    }
}
