using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// Item 14 for Acceldata: each example request and answer in the sources (docs/providers/acceldata.md,
/// keys S0, P7-P9, O), typed in here, against a server that records what the client sends and answers
/// with the example. S0 is the seed page "Bulk User Management"; P7 "Organize users into teams/groups";
/// P8 "Manage access changes"; P9 "Offboard a user"; O the republished OpenAPI description.
/// </summary>
public sealed class AcceldataContractTests
{
    private static readonly object Envelope = new { message = "Done", status = true };

    private static IUserProvider Client(HostileServer server, string? shape = null)
    {
        var provider = ProviderRegistry.Get("Acceldata");
        var options = shape is null ? null : new Dictionary<string, object?> { ["GroupAssignmentShape"] = shape };
        return provider.Create(Hostile.Settings(server), ProviderOptions.Resolve(provider, options));
    }

    private static Group GroupNamed(string id, string name) => new() { Id = id, Name = name };

    /// <summary>The one request that reached the path, by method.</summary>
    private static SeenRequest Sent(HostileServer server, string method, string path) =>
        Assert.Single(server.Seen, r => r.Method == method && r.Path == path);

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\n   sent {actual}");

    // S0, scenario 1: the invitation body, group names in "groups".
    [Fact]
    public async Task An_invitation_sends_the_seeds_body()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapPost("/admin/api/users/invite-users", () => Results.Json(Envelope)));
        using var client = Client(server);

        await client.InviteUsersAsync(["contractor1@company.com", "contractor2@company.com"],
            [GroupNamed("g-1", "Contractors"), GroupNamed("g-2", "Read-Only-Access")], true, Hostile.Patience());

        AssertSameJson("""{"emails": ["contractor1@company.com", "contractor2@company.com"], "groups": ["Contractors", "Read-Only-Access"], "sendEmail": true}""",
            Sent(server, "POST", "/admin/api/users/invite-users").Body);
    }

    // S0, scenario 2: a group created with its name alone. P7: the answer gives the new group's id (group-015).
    [Fact]
    public async Task A_group_is_created_with_the_seeds_body_and_the_id_the_answer_gives()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapPost("/admin/api/groups",
            () => Results.Json(new { id = "group-015", name = "Customer Analytics" }, statusCode: 201)));
        using var client = Client(server);

        var group = await client.CreateGroupAsync("Customer Analytics", null, Hostile.Patience());

        AssertSameJson("""{"name": "Customer Analytics"}""", Sent(server, "POST", "/admin/api/groups").Body);
        Assert.Equal("group-015", group.Id);
        Assert.Equal("Customer Analytics", group.Name);
    }

    // S0, scenario 2: moving a user, group names in groupIds (the GroupNames option).
    [Fact]
    public async Task With_names_chosen_a_move_sends_the_seeds_bodies()
    {
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapPut("/admin/api/users/{id}/remove-groups", () => Results.Json(Envelope));
            app.MapPut("/admin/api/users/{id}/assign-groups", () => Results.Json(Envelope));
        });
        using var client = Client(server, "GroupNames");

        await client.RemoveUserFromGroupsAsync("user-XXX", [GroupNamed("g-9", "Analytics")], Hostile.Patience());
        await client.AddUserToGroupsAsync("user-XXX", [GroupNamed("g-10", "Customer Analytics")], Hostile.Patience());

        AssertSameJson("""{"groupIds": ["Analytics"]}""", Sent(server, "PUT", "/admin/api/users/user-XXX/remove-groups").Body);
        AssertSameJson("""{"groupIds": ["Customer Analytics"]}""", Sent(server, "PUT", "/admin/api/users/user-XXX/assign-groups").Body);
    }

    // P7, P8, P9: group ids in groupIds, the default.
    [Fact]
    public async Task By_default_a_move_sends_the_guides_bodies_with_group_ids()
    {
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapPut("/admin/api/users/{id}/remove-groups", () => Results.Json(Envelope));
            app.MapPut("/admin/api/users/{id}/assign-groups", () => Results.Json(Envelope));
        });
        using var client = Client(server);

        await client.AddUserToGroupsAsync("user-123", [GroupNamed("group-team-leads", "Team Leads")], Hostile.Patience());
        await client.RemoveUserFromGroupsAsync("user-123", [GroupNamed("group-analytics", "Analytics")], Hostile.Patience());

        AssertSameJson("""{"groupIds": ["group-team-leads"]}""", Sent(server, "PUT", "/admin/api/users/user-123/assign-groups").Body);
        AssertSameJson("""{"groupIds": ["group-analytics"]}""", Sent(server, "PUT", "/admin/api/users/user-123/remove-groups").Body);
    }

    // O: AssignUserGroupRequest, {"data": {"groups": [...]}} (the DataGroups option).
    [Fact]
    public async Task With_the_spec_chosen_an_assignment_sends_data_groups()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapPut("/admin/api/users/{id}/assign-groups", () => Results.Json(Envelope)));
        using var client = Client(server, "DataGroups");

        await client.AddUserToGroupsAsync("user-123", [GroupNamed("group-analytics", "Analytics")], Hostile.Patience());

        AssertSameJson("""{"data": {"groups": ["group-analytics"]}}""", Sent(server, "PUT", "/admin/api/users/user-123/assign-groups").Body);
    }

    // S0, scenario 3: the attribute body, for a user who holds no other attribute.
    [Fact]
    public async Task An_attribute_update_sends_the_seeds_body()
    {
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/admin/api/users/{id}", (string id) => Results.Json(new { userId = id, email = "dev@company.com", attributes = new { } }));
            app.MapPut("/admin/api/users/{id}", () => Results.Json(Envelope));
        });
        using var client = Client(server);

        await client.SetAttributesAsync("user-XXX", new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Engineering - Data Platform"] }, Hostile.Patience());

        AssertSameJson("""{"attributes": {"department": ["Engineering - Data Platform"]}}""", Sent(server, "PUT", "/admin/api/users/user-XXX").Body);
    }

    // Item 10 (D3): the user's other attributes go back with the change, so a PUT that replaces the map loses nothing.
    [Fact]
    public async Task An_attribute_update_writes_back_the_users_other_attributes()
    {
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/admin/api/users/{id}", (string id) => Results.Json(new
            {
                userId = id, email = "dev@company.com",
                attributes = new Dictionary<string, string[]> { ["Department"] = ["Sales"], ["site"] = ["Lisbon", "Remote"] },
            }));
            app.MapPut("/admin/api/users/{id}", () => Results.Json(Envelope));
        });
        using var client = Client(server);

        await client.SetAttributesAsync("user-XXX", new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Engineering"], ["title"] = [] }, Hostile.Patience());

        AssertSameJson("""{"attributes": {"Department": ["Engineering"], "site": ["Lisbon", "Remote"], "title": []}}""", Sent(server, "PUT", "/admin/api/users/user-XXX").Body);
    }

    // P9: disabling is {"enabled": false} alone.
    [Fact]
    public async Task Disabling_sends_the_offboarding_guides_body()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapPut("/admin/api/users/{id}", () => Results.Json(Envelope)));
        using var client = Client(server);

        await client.SetEnabledAsync("user-XXX", false, Hostile.Patience());

        AssertSameJson("""{"enabled": false}""", Sent(server, "PUT", "/admin/api/users/user-XXX").Body);
    }

    // O: EditUserGroupRequest, every field it marks required (the MembershipCall = GroupMembers option).
    [Fact]
    public async Task With_the_group_call_chosen_a_group_update_sends_every_field_the_spec_requires()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapPut("/admin/api/groups/{id}", () => Results.Json(Envelope)));
        var provider = ProviderRegistry.Get("Acceldata");
        using var client = provider.Create(Hostile.Settings(server), ProviderOptions.Resolve(provider, new Dictionary<string, object?> { ["MembershipCall"] = "GroupMembers" }));

        await client.ChangeGroupMembersAsync(GroupNamed("group-015", "Customer Analytics"), ["user-1", "user-2"], add: true, Hostile.Patience());

        AssertSameJson("""
            {"name": "Customer Analytics", "usersAdded": ["user-1", "user-2"], "usersRemoved": [], "rolesAdded": [], "rolesRemoved": [],
             "addDomainRoleMappings": [], "removeDomainRoleMappings": []}
            """, Sent(server, "PUT", "/admin/api/groups/group-015").Body);
        Assert.Equal(100, client.Capabilities.MembersPerGroupCall);
    }

    // O: AllRealmUsersListResponse, with nullable names, role ids as numbers and groups as objects.
    [Fact]
    public async Task The_user_list_is_read_as_the_spec_writes_it()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", () => Results.Text("""
            {"message": "Users fetched", "status": true, "meta": {"page": 0, "size": 10, "total": 1},
             "users": [{"userId": "user-7", "email": "dev@company.com", "firstName": null, "lastName": null, "enabled": true,
                        "isEmailVerified": true, "groups": [{"id": "group-015", "name": "Customer Analytics"}],
                        "roles": [{"id": 3, "name": "Viewer"}], "attributes": {"department": ["Sales"]},
                        "scimManaged": false, "createdOn": 1700000000000, "lastAccessOn": 1700000000001}]}
            """, "application/json")));
        using var client = Client(server);

        var page = await client.ListUsersAsync(null, 0, 10, Hostile.Patience());

        var user = Assert.Single(page.Users);
        Assert.Equal(1, page.Total);
        Assert.Equal(("user-7", "dev@company.com", UserStatus.Active), (user.Id, user.Email, user.Status));
        Assert.Equal(["Customer Analytics"], user.Groups);
        Assert.Equal(["Viewer"], user.Roles);
        Assert.Equal(["Sales"], user.Attributes["department"]);
    }

    // D6: O types meta's fields as whole numbers but says nothing of null; a page without its counts is still read.
    [Fact]
    public async Task A_page_whose_counts_are_null_is_read()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", () => Results.Text("""
            {"status": true, "meta": {"page": null, "size": null, "total": null}, "users": [{"userId": "user-7", "email": "dev@company.com"}]}
            """, "application/json")));
        using var client = Client(server);

        var page = await client.ListUsersAsync(null, 0, 10, Hostile.Patience());

        Assert.Equal("user-7", Assert.Single(page.Users).Id);
        Assert.Equal(1, page.Total);
    }

    // D6: O types the flags boolean; one written as text, or empty, is read rather than breaking the page.
    [Fact]
    public async Task Flags_written_as_text_are_read()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", () => Results.Text("""
            {"status": true, "users": [
              {"userId": "user-1", "email": "off@company.com", "enabled": "false", "isEmailVerified": "true", "scimManaged": "FALSE", "lastAccessOn": 1},
              {"userId": "user-2", "email": "on@company.com", "enabled": "true", "isEmailVerified": "", "scimManaged": "true"}]}
            """, "application/json")));
        using var client = Client(server);

        var page = await client.ListUsersAsync(null, 0, 10, Hostile.Patience());

        Assert.Equal([(UserStatus.Inactive, false), (UserStatus.Invited, true)], page.Users.Select(u => (u.Status, u.ExternallyManaged)));
    }

    // D7: O lets userId be null; such a user cannot be acted on, and the error says which one it is.
    [Fact]
    public async Task A_listed_user_without_an_id_is_named_in_the_error()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", () => Results.Text("""
            {"status": true, "meta": {"page": 0, "size": 10, "total": 2},
             "users": [{"userId": "user-7", "email": "dev@company.com"}, {"userId": null, "email": "half@company.com"}]}
            """, "application/json")));
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<FormatException>(() => client.ListUsersAsync(null, 0, 10, Hostile.Patience()));

        Assert.Contains("User 2 of the listing (half@company.com) has no userId", error.Message);
    }

    // O: the Status envelope {message, status}; item 8 (D1): a 2xx saying false is a failure, however the flag is written.
    [Theory]
    [InlineData("""{"message": "Insufficient privileges", "status": false}""")]
    [InlineData("""{"message": "Insufficient privileges", "status": "false"}""")]
    [InlineData("""{"message": "Insufficient privileges", "success": "False"}""")]
    public async Task A_success_status_carrying_a_false_envelope_is_a_refusal(string envelope)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapPut("/admin/api/users/{id}", () => Results.Text(envelope, "application/json")));
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SetEnabledAsync("user-XXX", false, Hostile.Patience()));

        Assert.Contains("Insufficient privileges", error.Message);
    }
}
