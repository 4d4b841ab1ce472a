using UserMgmt.Bulk;
using UserMgmt.Model;

namespace UserMgmt.Providers;

/// <summary>
/// What the engine needs from a platform. Providers only map between the platform's API and the
/// canonical model; deciding what to change is the engine's job.
/// </summary>
public interface IUserProvider : IDisposable
{
    /// <summary>What the platform can change; the planner refuses the rest before anything is sent.</summary>
    ProviderCapabilities Capabilities { get; }

    /// <summary>
    /// The platform's server-side bulk jobs (the *-BulkJob commands): present exactly where the capabilities
    /// say <see cref="ProviderCapabilities.HasBulkJobs"/>, null elsewhere.
    /// </summary>
    IBulkJobClient? BulkJobs => null;

    /// <summary>A cheap authenticated read that fails when the credentials are wrong.</summary>
    Task VerifyAsync(CancellationToken cancellationToken);

    Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// A page of users, narrowed to enabled or disabled accounts: asked with a flag only of platforms whose
    /// capabilities say <see cref="ProviderCapabilities.FiltersUsersByStatus"/>. The caller filters again.
    /// </summary>
    Task<UserPage> ListUsersAsync(string? search, bool? enabled, int offset, int pageSize, CancellationToken cancellationToken) =>
        ListUsersAsync(search, offset, pageSize, cancellationToken);

    /// <summary>The user with this id, or null when there is none.</summary>
    Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The group a name stands for when <see cref="ListGroupsAsync"/> did not show it but the platform may still
    /// have it (its listing shows only groups someone is in): the change then names it and the platform judges
    /// it. Null, the default, where the listing shows every group, so an unlisted name is no group.
    /// </summary>
    Task<Group?> FindUnlistedGroupAsync(string name, CancellationToken cancellationToken) => Task.FromResult<Group?>(null);

    /// <summary>
    /// Every member of the group, as full users in the order user listings use: only for platforms whose
    /// capabilities say <see cref="ProviderCapabilities.ListsGroupMembers"/>.
    /// </summary>
    Task<IReadOnlyList<User>> ListGroupMembersAsync(Group group, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Capabilities.Platform} does not list a group's members.");

    /// <summary>The platform's roles: only for platforms whose capabilities say <see cref="ProviderCapabilities.HasRoles"/>.</summary>
    Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Capabilities.Platform} has no roles to list.");

    /// <summary>
    /// The roles of the account the connection signs in as, where the platform tells them; null, the default, where it
    /// does not. Invitations giving a heavier role than these are flagged while planning.
    /// </summary>
    Task<IReadOnlyList<Role>?> ListCallerRolesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Role>?>(null);

    /// <summary>
    /// A role the listing leaves out, on platforms whose listing may not show every role (CCAI's template of held roles):
    /// the change names it and the platform judges it. Null, the default, where the listing shows every role.
    /// </summary>
    Task<Role?> FindUnlistedRoleAsync(string name, CancellationToken cancellationToken) => Task.FromResult<Role?>(null);

    /// <summary>The ways invited accounts may sign in: only where the capabilities say <see cref="ProviderCapabilities.HasIdentityProviders"/>.</summary>
    Task<IReadOnlyList<IdentityProvider>> ListIdentityProvidersAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Capabilities.Platform} has no identity providers to list.");

    Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken);

    Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Invites people, into the groups given; platforms that need names take them from the invitees.</summary>
    Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken);

    Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken);

    Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken);

    /// <summary>
    /// Adds users to one group, or removes them, in one call: only for platforms whose capabilities say
    /// <see cref="ProviderCapabilities.MembershipByGroup"/>, and never more users than they allow per call.
    /// </summary>
    Task ChangeGroupMembersAsync(Group group, IReadOnlyList<string> userIds, bool add, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Capabilities.Platform} changes membership one user at a time.");

    /// <summary>
    /// Applies changes to many users as one server-side job and says how each ended, in the order given:
    /// only for platforms whose capabilities give <see cref="ProviderCapabilities.UserChangesPerJob"/>,
    /// never more changes than that, and never two for one address.
    /// </summary>
    Task<IReadOnlyList<UserChangeOutcome>> ApplyUserChangesAsync(IReadOnlyList<UserChange> changes, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Capabilities.Platform} changes users one call at a time.");

    /// <summary>
    /// The values an attribute may hold where the platform keeps it to one value of a fixed set (any case),
    /// or null where it takes any value: the planner refuses others, so -WhatIf says what the platform then does.
    /// </summary>
    Task<IReadOnlySet<string>?> GetAllowedValuesAsync(string attribute, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>?>(null);

    /// <summary>Sets the named attributes; attributes not named are left as they are.</summary>
    Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken);

    Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken);
}

/// <summary>A person to invite: the address, and the names some platforms require.</summary>
public sealed record Invitee(string Email, string? FirstName = null, string? LastName = null)
{
    /// <summary>Where the platform takes them: the roles, organisations and sign-in the invitation names, by id.</summary>
    public InvitationTerms Terms { get; init; } = InvitationTerms.None;
}

/// <summary>
/// What an invitation grants beyond groups, on platforms that take it (AppXite): roles, organisations, and the identity
/// provider the account signs in through, each by the platform's id. Invitations share a call only with the same terms.
/// </summary>
public sealed record InvitationTerms(IReadOnlyList<string> RoleIds, IReadOnlyList<string> OrganizationIds, string? IdentityProviderId)
{
    public static readonly InvitationTerms None = new([], [], null);

    public bool IsNone => RoleIds.Count == 0 && OrganizationIds.Count == 0 && IdentityProviderId is null;

    /// <summary>The terms in the words of the row, for -WhatIf and results: roles and identity provider by name.</summary>
    public string Described { get; init; } = "";

    /// <summary>The roles by name, as users list them, to tell whether someone registered holds them already.</summary>
    public IReadOnlyList<string> RoleNames { get; init; } = [];

    /// <summary>The same terms however they were ordered; as JSON, so an id holding a comma or a bar is not two ids.</summary>
    public string Key => System.Text.Json.JsonSerializer.Serialize(
        new object?[] { RoleIds.Order(StringComparer.Ordinal), OrganizationIds.Order(StringComparer.Ordinal), IdentityProviderId });
}

public static class UserProviderExtensions
{
    /// <summary>Invites addresses alone, for platforms that need no names.</summary>
    public static Task InviteUsersAsync(this IUserProvider provider, IReadOnlyList<string> emails, IReadOnlyList<Group> groups, bool sendEmail,
        CancellationToken cancellationToken) =>
        provider.InviteUsersAsync(emails.Select(e => new Invitee(e)).ToList(), groups, sendEmail, cancellationToken);
}

/// <summary>One page of users and the total the platform reports.</summary>
public sealed record UserPage(IReadOnlyList<User> Users, int Total)
{
    /// <summary>
    /// The total is the platform's own count of every user, not one made up from the page: reading goes on past a
    /// short page until it is reached, as a platform that caps its page size needs.
    /// </summary>
    public bool ReadToTotal { get; init; }
}
