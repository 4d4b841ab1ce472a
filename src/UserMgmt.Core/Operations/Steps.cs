using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>Invite a new address; the executor sends these in batches, so it applies them itself.</summary>
public sealed class InviteStep(InvitationRequest request, string email, IReadOnlyList<Group> groups, InvitationTerms? terms = null)
    : PlannedStep(request, email, OperationNames.Invite)
{
    public string Email { get; } = email;
    public Invitee Invitee { get; } = new(email, request.FirstName, request.LastName) { Terms = terms ?? InvitationTerms.None };
    public IReadOnlyList<Group> Groups { get; } = groups;
    public bool SendEmail { get; } = request.SendEmail;

    /// <summary>
    /// Planned without looking the address up (<see cref="CommandPlanner.LooksUpInvitees"/>): an address that turns out
    /// to be a user's is answered as planning would have answered it, its missing groups added.
    /// </summary>
    public bool Unchecked { get; init; }

    public override string Description =>
        $"Invite {Email}" + (Groups.Count > 0 ? $" into {Quote(Groups.Select(g => g.Name))}" : "") + Invitee.Terms.Described
        + (SendEmail ? " and send the invitation email" : "");

    public override string DoneMessage => "invited" + (Groups.Count > 0 ? $" into {Quote(Groups.Select(g => g.Name))}" : "") + Invitee.Terms.Described;

    /// <summary>The key under which invitations can share one call: same groups, same email choice.</summary>
    internal string BatchKey => $"{SendEmail}|{string.Join('|', Groups.Select(g => g.Id).Order())}|{Invitee.Terms.Key}";

    internal override UserChange AsUserChange() =>
        new() { Email = Email, FirstName = Invitee.FirstName, LastName = Invitee.LastName, Join = Groups, Enabled = true };
}

public sealed class MembershipStep(RowRequest request, User user, IReadOnlyList<Group> groups, bool add, string operation)
    : PlannedStep(request, user.Email, operation)
{
    public string UserId { get; } = user.Id;
    public IReadOnlyList<Group> Groups { get; } = groups;
    public bool IsAddition { get; } = add;

    /// <summary>The key under which changes can share per-group calls: same direction, same groups.</summary>
    internal string BatchKey => $"{IsAddition}|{string.Join('|', Groups.Select(g => g.Id).Order())}";

    public override string Description => IsAddition
        ? $"Add {Target} to {Quote(Groups.Select(g => g.Name))}"
        : $"Remove {Target} from {Quote(Groups.Select(g => g.Name))}";

    public override string DoneMessage => IsAddition
        ? $"added to {Quote(Groups.Select(g => g.Name))}"
        : $"removed from {Quote(Groups.Select(g => g.Name))}";

    internal override Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) => IsAddition
        ? provider.AddUserToGroupsAsync(UserId, Groups, cancellationToken)
        : provider.RemoveUserFromGroupsAsync(UserId, Groups, cancellationToken);

    internal override UserChange AsUserChange() => IsAddition
        ? new() { Email = user.Email, Existing = user, Join = Groups }
        : new() { Email = user.Email, Existing = user, Leave = Groups };
}

public sealed class AttributeStep(AttributeRequest request, User user, IReadOnlyDictionary<string, IReadOnlyList<string>> changes)
    : PlannedStep(request, user.Email, OperationNames.SetAttribute)
{
    public string UserId { get; } = user.Id;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Changes { get; } = changes;

    private string Listed => string.Join(", ", Changes.Select(c => $"{c.Key} = '{string.Join("; ", c.Value)}'"));

    public override string Description => $"Set {Listed} on {Target}";
    public override string DoneMessage => $"set {Listed}";

    internal override Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) =>
        provider.SetAttributesAsync(UserId, Changes, cancellationToken);

    internal override UserChange AsUserChange() => new() { Email = user.Email, Existing = user, Attributes = Changes };
}

public sealed class UserStateStep(UserStateRequest request, User user, bool enable)
    : PlannedStep(request, user.Email, enable ? OperationNames.Enable : OperationNames.Disable)
{
    public string UserId { get; } = user.Id;
    public bool Enable { get; } = enable;

    public override string Description => $"{(Enable ? "Enable" : "Disable")} the account of {Target}";
    public override string DoneMessage => Enable ? "enabled" : "disabled";

    internal override Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) =>
        provider.SetEnabledAsync(UserId, Enable, cancellationToken);

    internal override UserChange AsUserChange() => new() { Email = user.Email, Existing = user, Enabled = Enable };
}

/// <summary>Give a user a role or take it away; platforms change roles through jobs only, so a step has no call of its own.</summary>
public sealed class RoleStep(RowRequest request, User user, string role, bool grant, string operation)
    : PlannedStep(request, user.Email, operation)
{
    public string Role { get; } = role;
    public bool IsGrant { get; } = grant;

    public override string Description => IsGrant ? $"Give {Target} the role '{Role}'" : $"Take the role '{Role}' from {Target}";
    public override string DoneMessage => IsGrant ? $"given the role '{Role}'" : $"role '{Role}' taken away";

    internal override Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{provider.Capabilities.Platform} changes roles only through its jobs.");

    internal override UserChange AsUserChange() => IsGrant
        ? new() { Email = user.Email, Existing = user, GrantRoles = [Role] }
        : new() { Email = user.Email, Existing = user, RevokeRoles = [Role] };
}

public sealed class CreateGroupStep(NewGroupRequest request, string name)
    : PlannedStep(request, name, OperationNames.CreateGroup)
{
    public string Name { get; } = name;
    public string? GroupDescription { get; } = request.Description;

    public override string Description => $"Create group '{Name}'";
    /// <summary>The group as the platform created it, once applied.</summary>
    public Group? Created { get; private set; }

    public override string DoneMessage => Created is null ? "created" : $"created with id {Created.Id}";

    internal override async Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) =>
        Created = await provider.CreateGroupAsync(Name, GroupDescription, cancellationToken);
}

public sealed class DeleteGroupStep(RowRequest request, Group group)
    : PlannedStep(request, group.Name, OperationNames.DeleteGroup)
{
    public string GroupId { get; } = group.Id;

    public override string Description => $"Delete group '{Target}'";
    public override string DoneMessage => "deleted";

    internal override Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) =>
        provider.DeleteGroupAsync(GroupId, cancellationToken);
}
