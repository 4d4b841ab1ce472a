using UserMgmt.Model;

namespace UserMgmt.Providers;

/// <summary>
/// What a platform can change, declared by its provider so that planning refuses what applying could
/// not do: a preview (-WhatIf) then says the same as the real run.
/// </summary>
public sealed record ProviderCapabilities
{
    /// <summary>The platform's name as users know it, for messages.</summary>
    public required string Platform { get; init; }

    public bool CanCreateGroups { get; init; } = true;
    public bool CanDeleteGroups { get; init; } = true;

    /// <summary>The attributes that can be set (any case); null when the platform takes any name.</summary>
    public IReadOnlySet<string>? SettableAttributes { get; init; }

    /// <summary>An attribute can be emptied; false where a blank value means "leave it as it is".</summary>
    public bool CanClearAttributes { get; init; } = true;

    /// <summary>Of the attributes, those that can be emptied (any case); null: every one, when <see cref="CanClearAttributes"/>.</summary>
    public IReadOnlySet<string>? ClearableAttributes { get; init; }

    /// <summary>
    /// The values an attribute is kept to can be read only from the users who hold them (CCAI's locations): one nobody
    /// holds yet may exist all the same, so a refusal says how to make it known.
    /// </summary>
    public bool AllowedValuesAreThoseHeld { get; init; }

    /// <summary>How many addresses one invitation call may carry.</summary>
    public int InvitationsPerCall { get; init; } = 1;

    /// <summary>
    /// An invitation naming an address that is already a user's is refused whole (a conflict), creating nobody: new
    /// addresses can then be invited without looking each up first, and the refusal says when to look.
    /// </summary>
    public bool InvitationRefusesExisting { get; init; }

    /// <summary>A new user must come with a last name.</summary>
    public bool InviteNeedsLastName { get; init; }

    /// <summary>An existing user can be changed only when the platform holds both their names (its change rows carry them).</summary>
    public bool ChangeNeedsNames { get; init; }

    /// <summary>Why the platform cannot change this user for want of a name it needs; null when it can.</summary>
    public string? MissingName(User user) =>
        !ChangeNeedsNames ? null
        : string.IsNullOrWhiteSpace(user.LastName) ? $"{Platform} needs a last name to change {user.Email}, and it has none."
        : string.IsNullOrWhiteSpace(user.FirstName) ? $"{Platform} needs a first name to change {user.Email}, and it has none."
        : null;

    /// <summary>The account states the platform tells apart, for Get-User -Status.</summary>
    public IReadOnlyCollection<UserStatus> KnownStatuses { get; init; } = Enum.GetValues<UserStatus>();

    /// <summary>
    /// How many users one call can add to (or remove from) one group, where the platform changes
    /// membership per group; null where it changes it only per user.
    /// </summary>
    public int? MembersPerGroupCall { get; init; }

    /// <summary>Membership changes can go per group, many users in one call (<see cref="IUserProvider.ChangeGroupMembersAsync"/>).</summary>
    public bool MembershipByGroup => MembersPerGroupCall is > 0;

    /// <summary>
    /// How many users one server-side job may change, where the platform changes users through jobs:
    /// the engine then puts a command's user changes into as few jobs as that allows. Null where each
    /// change is its own call.
    /// </summary>
    public int? UserChangesPerJob { get; init; }

    /// <summary>
    /// A job is one request answered at once (SCIM's /Bulk), not a server-side job waited for: a command's input
    /// windows are then cut by time as well as by size, as where each change is its own call.
    /// </summary>
    public bool JobsAnswerAtOnce { get; init; }

    /// <summary>The platform changes users through server-side bulk jobs, reached through <see cref="IUserProvider.BulkJobs"/>.</summary>
    public bool HasBulkJobs { get; init; }

    /// <summary>
    /// The platform lists a group's members itself (<see cref="IUserProvider.ListGroupMembersAsync"/>); elsewhere
    /// Get-User -Group reads every user and keeps the members.
    /// </summary>
    public bool ListsGroupMembers { get; init; }

    /// <summary>
    /// The platform narrows a user listing to enabled or disabled accounts; elsewhere Get-User -Status reads every
    /// user and keeps those in the status.
    /// </summary>
    public bool FiltersUsersByStatus { get; init; }

    /// <summary>
    /// The most users one list call may answer: reads of many users ask for this many a page, so they take as few
    /// calls as the platform allows. A platform keeping to fewer is still read to the end.
    /// </summary>
    public int LargestPage { get; init; } = 100;

    /// <summary>Whether a page of users carries the platform's count of all of them (<see cref="UserPage.ReadToTotal"/>).</summary>
    public bool CountsUsers { get; init; }

    /// <summary>
    /// The platform finds users by address itself. Where it does not, the provider reads every page to find one, so the
    /// engine reads them once for a command's rows instead of once a row.
    /// </summary>
    public bool SearchesUsers { get; init; } = true;

    /// <summary>The platform lists its roles (<see cref="IUserProvider.ListRolesAsync"/>, Get-Role).</summary>
    public bool HasRoles { get; init; }

    /// <summary>Who holds a role can be changed (a plan's roles:); true only where <see cref="HasRoles"/>.</summary>
    public bool CanChangeRoles { get; init; }

    /// <summary>An invitation can name roles (Invite-User -Role); a platform may list roles it takes elsewhere only.</summary>
    public bool InvitesWithRoles { get; init; }

    /// <summary>The platform has identity providers an invitation can name (<see cref="IUserProvider.ListIdentityProvidersAsync"/>).</summary>
    public bool HasIdentityProviders { get; init; }

    /// <summary>An invitation can name the organisations it invites into, several at once.</summary>
    public bool InvitesIntoOrganizations { get; init; }

    /// <summary>The platform has groups; elsewhere a group named is refused as such, not looked for.</summary>
    public bool HasGroups { get; init; } = true;

    /// <summary>Accounts can be disabled and enabled through the platform's API.</summary>
    public bool CanChangeUserState { get; init; } = true;

    public bool CanSetAttribute(string name) => SettableAttributes is null || SettableAttributes.Contains(name);

    public bool CanClearAttribute(string name) => CanClearAttributes && (ClearableAttributes is null || ClearableAttributes.Contains(name));
}
