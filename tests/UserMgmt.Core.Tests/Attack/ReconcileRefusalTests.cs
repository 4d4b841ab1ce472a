using System.Net;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Rest;

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

    private sealed class Platform : IUserProvider
    {
        public const string Existing = "old@company.com";
        private int _calls;

        public List<string> Invited { get; } = [];
        public int InviteBatchSize => 100;
        public ProviderCapabilities Capabilities { get; } = new() { Platform = "Refusing" };

        public Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken)
        {
            if (invitees.Any(i => i.Email == Existing) || Interlocked.Increment(ref _calls) > 100)
                throw new ApiException("POST", "users/invite-users", HttpStatusCode.Conflict, "User already exists");
            lock (Invited) Invited.AddRange(invitees.Select(i => i.Email));
            return Task.CompletedTask;
        }

        public Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken) =>
            Task.FromResult(search == Existing ? new UserPage([new User { Id = "u1", Email = Existing }], 1) : new UserPage([], 0));

        public Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
            throw new ApiException("PUT", $"users/{userId}/assign-groups", HttpStatusCode.Forbidden, "Insufficient privileges");

        public Task VerifyAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<User?>(null);
        public Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Group>>([]);
        public Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
