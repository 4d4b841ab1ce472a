using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>When the group list is read, counted on a platform that answers only when the test says so.</summary>
public sealed class KnownGroupsReadTests
{
    private static readonly Group Analytics = new() { Id = "g-1", Name = "Analytics" };

    [Fact]
    public async Task A_list_read_before_it_was_forgotten_is_not_kept_for_later_commands()
    {
        var platform = new GroupsOnSignal();
        var groups = new KnownGroups(platform);

        var reading = groups.ReadAsync(default);
        groups.Forget();
        platform.Answer.SetResult([Analytics]);
        await reading;
        var (_, reused) = await groups.RecentAsync(default);

        Assert.False(reused);
        Assert.Equal(2, platform.Reads);
    }

    [Fact]
    public async Task Names_the_kept_list_lacks_cost_one_read_again_per_command_however_many()
    {
        var platform = new GroupsOnSignal();
        platform.Answer.SetResult([Analytics]);
        var groups = new KnownGroups(platform);
        await groups.ReadAsync(default);

        var plan = await new CommandPlanner(platform, groups).PlanInvitationsAsync(
            [.. Rows.Invitations(["a@example.com"], "Marketing"), .. Rows.Invitations(["b@example.com"], "Sales").Select(r => r with { Row = 2 })], default);

        Assert.All(plan.Settled, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.Equal(2, platform.Reads);
    }

    private sealed class GroupsOnSignal() : ScriptedPlatform("Signalled")
    {
        private int _reads;
        public TaskCompletionSource<IReadOnlyList<Group>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Reads => Volatile.Read(ref _reads);

        public override Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Answer.Task;
        }
    }
}
