using System.Net;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Rest;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// A platform that says an address exists (409) while its search never shows it: no sandbox behaves
/// so, hence a provider of the test's own. Whatever the platform says, sending must end.
/// </summary>
public sealed class InvitationLoopTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    [InlineData(5, 3)]
    public async Task A_conflict_nobody_can_find_ends_as_one_failed_result_per_row(int rows, int maxRetry)
    {
        var platform = new ConflictingPlatform();
        var steps = Enumerable.Range(1, rows)
            .Select(i => new InviteStep(new InvitationRequest(i, $"row {i}", $"ghost{i}@company.com", [], false), $"ghost{i}@company.com", []))
            .ToList<PlannedStep>();
        var results = new List<OperationResult>();

        using (CommandScope.Begin(NullActivityLog.Instance, new RetryPolicy(maxRetry, TimeSpan.Zero, TimeSpan.FromSeconds(5))))
            await new PlanExecutor(platform, r => { lock (results) results.Add(r); }).ApplyAsync(steps, default);

        Assert.Equal(Enumerable.Range(1, rows), results.Select(r => r.Row).Order());
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("no user with it can be found", r.Message));
        // A batch, then each address alone, each at most once per round.
        Assert.InRange(platform.Invitations, 1, 1 + rows * (maxRetry + 1));
    }

    private sealed class ConflictingPlatform() : ScriptedPlatform("Counting")
    {
        private int _invitations;

        public int Invitations => Volatile.Read(ref _invitations);

        public override Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken)
        {
            // A runaway loop would never stop on its own; this stops it so the test can fail.
            if (Interlocked.Increment(ref _invitations) > 1000) throw new InvalidOperationException("sent more than 1000 invitations");
            throw new ApiException("POST", "users/invite-users", HttpStatusCode.Conflict, "User already exists");
        }
    }
}
