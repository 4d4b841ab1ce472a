using System.Net;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Rest;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A batch answered 409 is reconciled: existing users are put into the batch's groups and the rest are
/// sent again. When putting one existing user into a group is refused, that row fails with the refusal;
/// the other addresses of the batch must still be sent, not failed with another row's error.
/// </summary>
public sealed class ReconcileRefusalTests
{
    [Fact]
    public async Task A_refused_group_change_for_one_existing_user_fails_that_row_only()
    {
        var platform = new Platform();
        var sales = new Group { Id = "g1", Name = "Sales" };
        var steps = new List<PlannedStep>
        {
            new InviteStep(new InvitationRequest(1, null, Platform.Existing, ["Sales"], false), Platform.Existing, [sales]),
            new InviteStep(new InvitationRequest(2, null, "new@company.com", ["Sales"], false), "new@company.com", [sales]),
        };
        var results = new List<OperationResult>();

        using (CommandScope.Begin(NullActivityLog.Instance, new RetryPolicy(3, TimeSpan.Zero, TimeSpan.FromSeconds(5))))
            await new PlanExecutor(platform, r => { lock (results) results.Add(r); }).ApplyAsync(steps, default);

        var existing = Assert.Single(results, r => r.Row == 1);
        Assert.Equal(OperationStatus.Failed, existing.Status);
        Assert.Contains("Insufficient privileges", existing.Message);
        var invited = Assert.Single(results, r => r.Row == 2);
        Assert.Equal(OperationStatus.Succeeded, invited.Status);
        Assert.Contains("new@company.com", platform.Invited);
    }

    private sealed class Platform() : ScriptedPlatform("Refusing")
    {
        public const string Existing = "old@company.com";
        private int _calls;

        public List<string> Invited { get; } = [];

        public override Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken)
        {
            if (invitees.Any(i => i.Email == Existing) || Interlocked.Increment(ref _calls) > 100)
                throw new ApiException("POST", "users/invite-users", HttpStatusCode.Conflict, "User already exists");
            lock (Invited) Invited.AddRange(invitees.Select(i => i.Email));
            return Task.CompletedTask;
        }

        public override Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken) =>
            Task.FromResult(search == Existing ? new UserPage([new User { Id = "u1", Email = Existing }], 1) : new UserPage([], 0));

        public override Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
            throw new ApiException("PUT", $"users/{userId}/assign-groups", HttpStatusCode.Forbidden, "Insufficient privileges");
    }
}
