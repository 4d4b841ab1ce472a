using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Support;

/// <summary>
/// A platform that behaves in ways no sandbox does, for the few tests that need one: it has no users
/// and no groups, and refuses every change, until a test overrides what it scripts.
/// </summary>
internal abstract class ScriptedPlatform(string name) : IUserProvider
{
    public ProviderCapabilities Capabilities { get; } = new() { Platform = name, InvitationsPerCall = 100 };

    public virtual Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new UserPage([], 0));

    public virtual Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task VerifyAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<User?>(null);
    public virtual Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Group>>([]);
    public Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
    public Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken) => throw new NotSupportedException();
    public void Dispose() { }
}
