using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// The groups read on a connection serve its later commands for a while, and nothing that could make them wrong is
/// trusted: a name the list lacks is read again, and the list is read again once its lifetime has passed or it is forgotten.
/// </summary>
public sealed class KnownGroupsTests : SandboxTest
{
    private const string GroupList = "/admin/api/groups/";

    [Fact]
    public async Task Commands_with_nothing_to_change_resolve_groups_without_reading_them()
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        var first = await PlanRemoveAsync(connection, "kara.singh@example.com", "Analytics");
        var second = await PlanRemoveAsync(connection, "kara.singh@example.com", "Contractors");

        Assert.Empty(first.Steps);
        Assert.Empty(second.Steps);
        Assert.Equal(0, await Sandbox.CallsAsync("GET", GroupList));
    }

    [Fact]
    public async Task A_command_sending_a_change_reads_the_groups_it_sends_it_to()
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAddAsync(connection, "kara.singh@example.com", "Analytics");

        Assert.Single(plan.Steps);
        Assert.Equal(1, await Sandbox.CallsAsync("GET", GroupList));
    }

    [Fact]
    public async Task A_group_made_elsewhere_after_connecting_is_read_again_and_found()
    {
        using var connection = await Sandbox.ConnectAsync();
        Sandbox.AddGroups(1);
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAddAsync(connection, "kara.singh@example.com", "Extra Group 0001");

        Assert.Equal("extra-group-0001", Assert.IsType<MembershipStep>(Assert.Single(plan.Steps)).Groups.Single().Id);
        Assert.Equal(1, await Sandbox.CallsAsync("GET", GroupList));
    }

    [Fact]
    public async Task A_forgotten_list_is_read_again()
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        connection.Groups.Forget();
        await PlanAddAsync(connection, "kara.singh@example.com", "Analytics");

        Assert.Equal(1, await Sandbox.CallsAsync("GET", GroupList));
    }

    [Fact]
    public async Task A_list_older_than_its_lifetime_is_read_again()
    {
        using var connection = await Sandbox.ConnectAsync();
        var clock = new SettableClock();
        var groups = new KnownGroups(connection.Client, clock);
        await groups.ReadAsync(default);
        await Sandbox.ClearRequestLogAsync();

        clock.Advance(KnownGroups.Lifetime - TimeSpan.FromSeconds(1));
        var (_, reusedWithin) = await groups.RecentAsync(default);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (_, reusedAfter) = await groups.RecentAsync(default);

        Assert.True(reusedWithin);
        Assert.False(reusedAfter);
        Assert.Equal(1, await Sandbox.CallsAsync("GET", GroupList));
    }

    private static Task<CommandPlan> PlanRemoveAsync(UserMgmtConnection connection, string user, string group) =>
        new CommandPlanner(connection.Client, connection.Groups, connection.CountedUsers)
            .PlanMembershipAsync([new MembershipRequest(1, null, user, [group])], add: false, default);

    private static Task<CommandPlan> PlanAddAsync(UserMgmtConnection connection, string user, string group) =>
        new CommandPlanner(connection.Client, connection.Groups, connection.CountedUsers)
            .PlanMembershipAsync([new MembershipRequest(1, null, user, [group])], add: true, default);

    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
