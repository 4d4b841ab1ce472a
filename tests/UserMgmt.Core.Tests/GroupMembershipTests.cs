using UserMgmt.Providers;
using UserMgmt.Operations;
using UserMgmt.Providers.Acceldata;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// On a platform that changes a group's members at once, membership rows for the same groups and
/// direction share calls (as many as the platform's limit allows), yet each row keeps its own result.
/// On Acceldata that is the per-group call, chosen with MembershipCall = GroupMembers.
/// </summary>
public sealed class GroupMembershipTests : SandboxTest
{
    private Task<Connections.UserMgmtConnection> ConnectAsync() =>
        Sandbox.ConnectAsync(new Dictionary<string, object?> { ["MembershipCall"] = "GroupMembers" });

    private const string GroupUpdate = "/admin/api/groups/{groupId}";
    private const int PerCall = AcceldataProvider.MembersPerGroupCall;

    [Fact]
    public async Task Adding_many_users_to_a_group_takes_one_call_per_chunk_and_reports_every_row()
    {
        using var connection = await ConnectAsync();
        var emails = await InviteAsync(connection, 2 * PerCall + 50);
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(emails, "Contractors"), add: true, default));

        Assert.Equal(Enumerable.Range(1, emails.Count), results.Select(r => r.Row));
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(3, await Sandbox.CallsAsync("PUT", GroupUpdate));
        Assert.Equal(3, await Sandbox.WriteCallsAsync());
        Assert.Equal(new SortedSet<string>(emails, StringComparer.OrdinalIgnoreCase), Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public async Task Removing_many_users_from_a_group_takes_one_call_per_chunk()
    {
        using var connection = await ConnectAsync();
        var emails = await InviteAsync(connection, PerCall + 1, "Contractors");
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(emails, "Contractors"), add: false, default));

        Assert.Equal(emails.Count, results.Count);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(2, await Sandbox.CallsAsync("PUT", GroupUpdate));
        Assert.Empty(Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public async Task Rows_naming_two_groups_take_one_call_per_group_and_chunk()
    {
        using var connection = await ConnectAsync();
        var emails = await InviteAsync(connection, PerCall + 1);
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(
            Rows.Memberships(emails, "Contractors", "Read-Only-Access"), add: true, default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(4, await Sandbox.CallsAsync("PUT", GroupUpdate));
        Assert.Equal(emails.Count, Sandbox.MembersOf("Read-Only-Access").Intersect(emails, StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task A_member_the_platform_refuses_fails_only_its_own_row()
    {
        using var connection = await ConnectAsync();
        var emails = await InviteAsync(connection, 5);
        var plan = await new CommandPlanner(connection.Client).PlanMembershipAsync(Rows.Memberships(emails, "Contractors"), add: true, default);
        // Handed over to SCIM after the plan was made: the platform refuses the whole batch because of this one user.
        Sandbox.ManageUserByScim(emails[2]);
        await Sandbox.ClearRequestLogAsync();
        var results = new List<OperationResult>();

        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Steps, default);

        Assert.Equal(Enumerable.Range(1, 5), results.Select(r => r.Row).Order());
        var refused = Assert.Single(results, r => r.Status == OperationStatus.Failed);
        Assert.Equal(3, refused.Row);
        Assert.Equal("row 3", refused.InputObject);
        Assert.Contains("managed by SCIM", refused.Message);
        Assert.Equal(403, refused.HttpStatus);
        Assert.Equal(4, results.Count(r => r.Status == OperationStatus.Succeeded));
        Assert.Equal(new SortedSet<string>(emails.Where((_, i) => i != 2), StringComparer.OrdinalIgnoreCase), Sandbox.MembersOf("Contractors"));
        // The refused batch, then each row on its own.
        Assert.Equal(1 + 5, await Sandbox.CallsAsync("PUT", GroupUpdate));
    }

    [Fact]
    public async Task What_if_plans_one_change_per_row_and_sends_nothing()
    {
        using var connection = await ConnectAsync();
        var emails = await InviteAsync(connection, PerCall + 1);
        await Sandbox.ClearRequestLogAsync();

        var plan = await new CommandPlanner(connection.Client).PlanMembershipAsync(Rows.Memberships(emails, "Contractors"), add: true, default);

        Assert.Equal(emails.Count, plan.Steps.Count);
        Assert.Equal($"Add {emails[0]} to 'Contractors'", plan.Steps[0].Description);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Empty(Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public async Task The_sandbox_refuses_a_group_update_naming_more_users_than_the_limit()
    {
        using var connection = await ConnectAsync();
        var group = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Contractors");
        var ids = Enumerable.Range(0, PerCall + 1).Select(i => $"id-{i}").ToList();

        var refusal = await Assert.ThrowsAsync<Rest.ApiException>(() => connection.Client.ChangeGroupMembersAsync(group, ids, true, default));

        Assert.Contains($"at most {PerCall}", refusal.ServerMessage);
    }

    private static async Task<List<string>> InviteAsync(Connections.UserMgmtConnection connection, int count, params string[] groupNames)
    {
        var emails = Enumerable.Range(1, count).Select(i => $"member{i}@company.com").ToList();
        var groups = (await connection.Client.ListGroupsAsync(default)).Where(g => groupNames.Contains(g.Name)).ToList();
        foreach (var chunk in emails.Chunk(50)) await connection.Client.InviteUsersAsync(chunk.ToList(), groups, false, default);
        return emails;
    }
}
