using System.Text.Json;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Every call the Acceldata provider makes, against the strict sandbox and against each shape the vendor's
/// sources leave open (docs/providers/acceldata.md): the client must work whichever one the real tenant uses.
/// </summary>
public sealed class AcceldataVariantTests : SandboxTest
{
    private const string Ada = "ada.lovelace@example.com";

    public static TheoryData<string> Variants() => AcceldataTenants.Variants();

    private Task<UserMgmtConnection> ConnectAsync(string variant, string membership = "UserGroups") =>
        AcceldataTenants.ConnectAsync(Sandbox, variant, membership);

    private string IdOf(string email) => Sandbox.Query("SELECT id FROM users WHERE email = @e", r => r.GetString(0), ("@e", email)).Single();

    private Dictionary<string, List<string>> AttributesOf(string email) =>
        JsonSerializer.Deserialize<Dictionary<string, List<string>>>(Sandbox.AttributesJson(email) ?? "{}")!;

    [Theory, MemberData(nameof(Variants))]
    public async Task Users_are_listed_page_after_page_and_read_one_by_one(string variant)
    {
        using var connection = await ConnectAsync(variant);
        var listed = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync(null, null, listed.Add, default);
        var ada = await connection.Client.GetUserAsync(IdOf(Ada), default);

        Assert.Equal(Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single(), listed.Select(u => u.Id).Distinct().Count());
        Assert.Equal(Ada, ada?.Email);
        Assert.Equal(["Administrators", "Analytics"], ada!.Groups.Order());
        Assert.Null(await connection.Client.GetUserAsync("user-nobody", default));
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task Groups_and_their_members_are_listed(string variant)
    {
        using var connection = await ConnectAsync(variant);

        var groups = await connection.Client.ListGroupsAsync(default);
        var members = await connection.Client.ListGroupMembersAsync(groups.Single(g => g.Name == "Analytics"), default);

        Assert.Equal(DemoOrganisation.GroupNames.Order(), groups.Select(g => g.Name).Order());
        Assert.Equal(Sandbox.MembersOf("Analytics"), new SortedSet<string>(members.Select(m => m.Email), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Item 11 (D4): a creation answered without the group's id still succeeds, with the id the platform gave it.</summary>
    [Theory, MemberData(nameof(Variants))]
    public async Task A_created_group_is_reported_with_its_id_whatever_the_answer_carries(string variant)
    {
        using var connection = await ConnectAsync(variant);

        var results = await Rows.ApplyAsync(connection, p => p.PlanNewGroupsAsync([new NewGroupRequest(1, "row 1", "Customer Analytics", "split")], default));
        var group = await connection.Client.CreateGroupAsync("Product Analytics", null, default);

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(results).Status);
        Assert.Equal(Sandbox.Query("SELECT id FROM groups WHERE name = 'Product Analytics'", r => r.GetString(0)).Single(), group.Id);
        Assert.Equal("Product Analytics", group.Name);
    }

    /// <summary>Review finding 10: an id-less answer is settled with the list's search (O), not by reading every group.</summary>
    [Fact]
    public async Task A_group_created_without_an_id_in_the_answer_is_found_by_one_search()
    {
        Sandbox.AddGroups(450);
        using var connection = await ConnectAsync(nameof(SandboxVariant.GroupCreateEnvelopeOnly));
        await Sandbox.ClearRequestLogAsync();

        var group = await connection.Client.CreateGroupAsync("Product Analytics", null, default);

        Assert.Equal(Sandbox.Query("SELECT id FROM groups WHERE name = 'Product Analytics'", r => r.GetString(0)).Single(), group.Id);
        Assert.Equal(1, await Sandbox.CallsAsync("GET", "/admin/api/groups/"));
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task A_group_is_deleted_and_a_refused_deletion_is_an_error(string variant)
    {
        using var connection = await ConnectAsync(variant);
        Sandbox.ManageGroupByScim("Administrators");
        var groups = await connection.Client.ListGroupsAsync(default);

        await connection.Client.DeleteGroupAsync(groups.Single(g => g.Name == "Contractors").Id, default);
        var refused = await Assert.ThrowsAsync<ApiException>(() => connection.Client.DeleteGroupAsync(groups.Single(g => g.Name == "Administrators").Id, default));

        Assert.False(Sandbox.GroupExists("Contractors"));
        Assert.True(Sandbox.GroupExists("Administrators"));
        Assert.Contains("SCIM", refused.Message);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task Invitations_create_users_in_their_groups_and_a_refused_one_fails_its_rows(string variant)
    {
        using var connection = await ConnectAsync(variant);

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(["new.one@company.com", "new.two@company.com"], "Contractors", "Read-Only-Access"), default));
        var refused = await Assert.ThrowsAsync<ApiException>(() => connection.Client.InviteUsersAsync([new Providers.Invitee("not-an-address")], [], false, default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(["Contractors", "Read-Only-Access"], Sandbox.GroupsOf("new.two@company.com"));
        Assert.Contains("Invalid email", refused.Message);
    }

    /// <summary>Item 9 and D5: membership goes through assign-groups/remove-groups, in the body the tenant takes.</summary>
    [Theory, MemberData(nameof(Variants))]
    public async Task Users_join_and_leave_groups_through_the_per_user_calls(string variant)
    {
        using var connection = await ConnectAsync(variant);
        await Sandbox.ClearRequestLogAsync();

        var added = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships([Ada, "ben.okafor@example.com"], "Contractors", "Engineering"), add: true, default));
        var removed = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships([Ada], "Analytics"), add: false, default));

        Assert.All(added.Concat(removed), r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(["Administrators", "Contractors", "Engineering"], Sandbox.GroupsOf(Ada));
        Assert.Contains("Contractors", Sandbox.GroupsOf("ben.okafor@example.com"));
        Assert.Equal(2, await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}/assign-groups"));
        Assert.Equal(1, await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}/remove-groups"));
        Assert.Equal(0, await Sandbox.CallsAsync("PUT", "/admin/api/groups/{groupId}"));
    }

    /// <summary>D5: the per-group call, where a tenant is said to take it, carries many users at once.</summary>
    [Theory, MemberData(nameof(Variants))]
    public async Task With_the_group_call_chosen_users_join_and_leave_a_group_in_one_call(string variant)
    {
        using var connection = await ConnectAsync(variant, "GroupMembers");
        await Sandbox.ClearRequestLogAsync();

        var added = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships([Ada, "ben.okafor@example.com"], "Contractors"), add: true, default));
        var removed = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships([Ada], "Analytics"), add: false, default));

        Assert.All(added.Concat(removed), r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(["Administrators", "Contractors"], Sandbox.GroupsOf(Ada));
        Assert.Equal(2, await Sandbox.CallsAsync("PUT", "/admin/api/groups/{groupId}"));
        Assert.Equal(0, await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}/assign-groups"));
        Assert.True(Sandbox.GroupExists("Contractors"));
    }

    /// <summary>Item 10 (D3): setting one attribute, or emptying one, leaves the user's others as they were.</summary>
    [Theory, MemberData(nameof(Variants))]
    public async Task Setting_an_attribute_keeps_the_users_other_attributes(string variant)
    {
        using var connection = await ConnectAsync(variant);
        var department = AttributesOf(Ada)["department"];

        var set = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(
            [new AttributeRequest(1, "row 1", Ada, new Dictionary<string, IReadOnlyList<string>> { ["title"] = ["Lead"], ["site"] = ["Berlin"] })], default));
        var cleared = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(
            [new AttributeRequest(1, "row 1", Ada, new Dictionary<string, IReadOnlyList<string>> { ["site"] = [] })], default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(set).Status);
        Assert.Equal(OperationStatus.Succeeded, Assert.Single(cleared).Status);
        var attributes = AttributesOf(Ada);
        Assert.Equal(department, attributes["department"]);
        Assert.Equal(["Lead"], attributes["title"]);
        Assert.False(attributes.ContainsKey("site"));
    }

    /// <summary>Item 8 (D1): a refused write is a failed row with the platform's reason, whether it came with 4xx or 200.</summary>
    [Theory, MemberData(nameof(Variants))]
    public async Task Users_are_disabled_and_enabled_and_a_refused_change_is_an_error(string variant)
    {
        using var connection = await ConnectAsync(variant);
        var ben = IdOf("ben.okafor@example.com");

        await connection.Client.SetEnabledAsync(ben, false, default);
        var disabled = Sandbox.IsEnabled("ben.okafor@example.com");
        await connection.Client.SetEnabledAsync(ben, true, default);
        var refused = await Assert.ThrowsAsync<ApiException>(() => connection.Client.SetEnabledAsync(IdOf(DemoOrganisation.ScimManagedEmail), false, default));
        var unknown = await Assert.ThrowsAsync<ApiException>(() => connection.Client.SetEnabledAsync("user-nobody", false, default));

        Assert.False(disabled);
        Assert.True(Sandbox.IsEnabled("ben.okafor@example.com"));
        Assert.True(Sandbox.IsEnabled(DemoOrganisation.ScimManagedEmail));
        Assert.Contains("SCIM", refused.Message);
        Assert.Contains("user-nobody", unknown.Message);
    }

    /// <summary>Item 8 (D1): refused membership and attribute writes fail, under every variant, and change nothing.</summary>
    [Theory, MemberData(nameof(Variants))]
    public async Task Refused_membership_and_attribute_writes_are_errors(string variant)
    {
        using var connection = await ConnectAsync(variant);
        var groups = await connection.Client.ListGroupsAsync(default);
        var scimUser = IdOf(DemoOrganisation.ScimManagedEmail);

        await Assert.ThrowsAsync<ApiException>(() => connection.Client.AddUserToGroupsAsync("user-nobody", [groups.Single(g => g.Name == "Contractors")], default));
        await Assert.ThrowsAsync<ApiException>(() => connection.Client.RemoveUserFromGroupsAsync(scimUser, [groups.Single(g => g.Name == "Contractors")], default));
        await Assert.ThrowsAsync<ApiException>(() => connection.Client.SetAttributesAsync(scimUser,
            new Dictionary<string, IReadOnlyList<string>> { ["title"] = ["x"] }, default));
        await Assert.ThrowsAsync<ApiException>(() => connection.Client.CreateGroupAsync("Analytics", null, default));

        Assert.Empty(Sandbox.GroupsOf(DemoOrganisation.ScimManagedEmail));
        Assert.DoesNotContain("title", Sandbox.AttributesJson(DemoOrganisation.ScimManagedEmail));
    }
}
