using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Scim;

/// <summary>
/// The scenarios the other providers run, against a SCIM server built from the scimmy packages, in each configuration
/// the provider adapts to: with and without PATCH, with ETags, with small pages.
/// </summary>
public sealed class ScimScenarioTests
{
    private static readonly string[] Contractors = Enumerable.Range(1, 20).Select(i => $"contractor{i}@company.com").ToArray();

    [Theory, MemberData(nameof(ScimTenants.All), MemberType = typeof(ScimTenants))]
    public async Task Onboarding_twenty_contractors_creates_each_once_into_both_groups(string tenant)
    {
        await using var peer = await ScimPeer.StartAsync(ScimTenants.Options(tenant));
        using var connection = await ScimTenants.ConnectAsync(peer);

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(Contractors, "Contractors", "Read-Only-Access"), default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(Enumerable.Range(1, 20), results.Select(r => r.Row));
        foreach (var email in Contractors)
        {
            Assert.Equal(["Contractors", "Read-Only-Access"], await peer.GroupsOfAsync(email));
            Assert.True(await peer.IsActiveAsync(email));
        }
    }

    [Theory, MemberData(nameof(ScimTenants.All), MemberType = typeof(ScimTenants))]
    public async Task Onboarding_again_skips_every_row_and_writes_nothing(string tenant)
    {
        await using var peer = await ScimPeer.StartAsync(ScimTenants.Options(tenant));
        using var connection = await ScimTenants.ConnectAsync(peer);
        var invitations = Rows.Invitations(Contractors.Take(5), "Contractors");
        await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(invitations, default));
        await peer.ClearRequestLogAsync();

        var again = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(invitations, default));

        Assert.All(again, r => Assert.Equal(OperationStatus.Skipped, r.Status));
        Assert.Equal(0, await WritesAsync(peer));
    }

    [Theory, MemberData(nameof(ScimTenants.All), MemberType = typeof(ScimTenants))]
    public async Task Adding_and_removing_members_keeps_everyone_else(string tenant)
    {
        await using var peer = await ScimPeer.StartAsync(ScimTenants.Options(tenant));
        using var connection = await ScimTenants.ConnectAsync(peer);
        var before = await peer.MembersOfAsync("Engineering");
        string[] moved = ["ada.lovelace@example.com", "ben.okafor@example.com"];

        var added = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(moved, "Engineering"), add: true, default));
        var afterAdd = await peer.MembersOfAsync("Engineering");
        var removed = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(moved, "Engineering"), add: false, default));

        Assert.All(added.Concat(removed), r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(before.Union(moved).Order(), afterAdd.Order());
        Assert.Equal(before.Order(), (await peer.MembersOfAsync("Engineering")).Order());
    }

    [Theory, MemberData(nameof(ScimTenants.All), MemberType = typeof(ScimTenants))]
    public async Task A_department_is_set_and_a_user_disabled_and_nothing_else_changes(string tenant)
    {
        await using var peer = await ScimPeer.StartAsync(ScimTenants.Options(tenant));
        using var connection = await ScimTenants.ConnectAsync(peer);
        const string user = "kara.singh@example.com";
        var groups = await peer.GroupsOfAsync(user);
        var department = new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Data Science"] };

        var set = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync([new AttributeRequest(1, null, user, department)], default));
        var disabled = await Rows.ApplyAsync(connection, p => p.PlanUserStateAsync([new UserStateRequest(1, null, user)], enable: false, default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(set).Status);
        Assert.Equal(OperationStatus.Succeeded, Assert.Single(disabled).Status);
        Assert.Equal("Data Science", await peer.DepartmentAsync(user));
        Assert.False(await peer.IsActiveAsync(user));
        Assert.Equal(groups, await peer.GroupsOfAsync(user));
    }

    [Theory, MemberData(nameof(ScimTenants.All), MemberType = typeof(ScimTenants))]
    public async Task Every_user_is_read_across_pages_and_a_status_filter_keeps_the_disabled(string tenant)
    {
        await using var peer = await ScimPeer.StartAsync(ScimTenants.Options(tenant));
        using var connection = await ScimTenants.ConnectAsync(peer);
        var queries = new DirectoryQueries(connection.Client);
        var everyone = new List<User>();
        var disabled = new List<User>();

        var total = await queries.ListUsersAsync(null, null, everyone.Add, default);
        await queries.ListUsersAsync(new UserQuery(null, null, UserStatus.Inactive), 0, null, disabled.Add, default);

        var peerUsers = await peer.ListAllAsync("Users");
        Assert.Equal(peerUsers.Count, total);
        Assert.Equal(peerUsers.Count, everyone.Select(u => u.Id).Distinct().Count());
        Assert.Equal(["hana.kim@example.com", "ivan.petrov@example.com"], disabled.Select(u => u.Email).Order());
    }

    [Theory, MemberData(nameof(ScimTenants.All), MemberType = typeof(ScimTenants))]
    public async Task A_groups_members_are_all_read_however_few_users_a_page_holds(string tenant)
    {
        await using var peer = await ScimPeer.StartAsync(ScimTenants.Options(tenant));
        using var connection = await ScimTenants.ConnectAsync(peer);
        await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(Contractors.Take(12), "Contractors"), default));
        var group = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Contractors");

        var members = await connection.Client.ListGroupMembersAsync(group, default);

        Assert.Equal(await peer.MembersOfAsync("Contractors"), members.Select(u => u.Email).ToHashSet());
    }

    [Fact]
    public async Task A_refusal_shows_the_services_own_detail()
    {
        await using var peer = await ScimPeer.StartAsync();
        using var connection = await ScimTenants.ConnectAsync(peer);

        var refusal = await Assert.ThrowsAnyAsync<ApiException>(() =>
            connection.Client.InviteUsersAsync([new Providers.Invitee("kara.singh@example.com")], [], false, default));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refusal.StatusCode);
        Assert.Contains("kara.singh@example.com", refusal.Message);
        Assert.Contains("already", refusal.ServerMessage);
    }

    [Fact]
    public async Task A_wrong_token_fails_the_connection()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { Token = "the-real-one" });

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => ScimTenants.ConnectAsync(peer.BaseUri, "another"));
    }

    private static async Task<int> WritesAsync(ScimPeer peer) =>
        (await peer.RequestCountsAsync()).Where(c => c.Method != "GET").Sum(c => c.Count);
}
