using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Plans;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// Turns a command's input rows into a plan by reading the live platform: rows whose change already
/// holds are skipped, bad rows fail with a message naming the field, the rest become steps.
/// Planning only reads; a what-if run is a plan that is never applied, so a change the platform
/// cannot make (its declared capabilities) fails here, under -WhatIf as for real.
/// One planner serves a command's whole input, window after window (<see cref="InputWindows"/>): what it
/// learns of earlier rows (repeats, the state earlier changes leave) carries over to later windows.
/// </summary>
public sealed class CommandPlanner(IUserProvider provider, KnownGroups? connectionGroups = null, int? countedUsers = null)
{
    private readonly ProviderCapabilities _can = provider.Capabilities;
    // The values each attribute may take, read from the platform once per command rather than once per row.
    private readonly AllowedValues _allowedValues = new(provider);
    private readonly UserDirectory _directory = new(provider, countedUsers);
    private readonly GroupCatalog _groups = new(provider, connectionGroups);
    private readonly InvitationTermsResolver _terms = new(provider);

    // What the platform will look like once earlier rows of this command are applied, so that
    // a row repeating an earlier one is recognised as nothing to do.
    private readonly Dictionary<string, HashSet<string>> _plannedGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _plannedAttributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _plannedEnabled = new(StringComparer.Ordinal);
    private readonly FirstRows _invited = new();
    private readonly FirstRows _created = new();

    /// <summary>
    /// Forgets what only the window just applied needed (addresses found to be no user's), so memory follows the window;
    /// the state planned for users is kept, since later rows build on it.
    /// </summary>
    public void EndWindow() => _directory.EndWindow();

    /// <summary>
    /// Whether invitations look each address up before planning it. Where the platform refuses a known address whole
    /// (<see cref="ProviderCapabilities.InvitationRefusesExisting"/>), a run that asks nobody can skip that: new addresses
    /// cost one call a batch however large the directory, and the known ones are found when the platform refuses them.
    /// A preview or a confirmation prompt needs the lookups, to say what will happen.
    /// </summary>
    public bool LooksUpInvitees { get; set; } = true;

    /// <summary>Whether groups may be resolved with the list the connection read for an earlier command (<see cref="KnownGroups"/>).</summary>
    public bool ReusesKnownGroups
    {
        get => _groups.ReusesKnownGroups;
        set => _groups.ReusesKnownGroups = value;
    }

    private bool InvitesUnchecked => !LooksUpInvitees && _can.InvitationRefusesExisting && !_can.InviteNeedsLastName;

    public async Task<CommandPlan> PlanInvitationsAsync(IReadOnlyList<InvitationRequest> rows, CancellationToken cancellationToken)
    {
        var plan = new PlanBuilder();
        var withoutLookups = InvitesUnchecked;
        if (!withoutLookups)
            await _directory.PrepareAsync(rows.Select(r => r.Email).Where(e => InputText.IsValidEmail(e?.Trim() ?? "")), cancellationToken);
        foreach (var row in rows)
        {
            var email = row.Email?.Trim() ?? string.Empty;
            const string op = OperationNames.Invite;
            if (email.Length == 0) { plan.Fail(row, "(no email)", op, "Row has no Email value."); continue; }
            if (!InputText.IsValidEmail(email)) { plan.Fail(row, email, op, $"Email '{email}' is not a valid email address."); continue; }
            if (_invited.IsRepeat(email, row.Row, out var first)) { plan.Skip(row, email, op, $"Duplicate of row {first}."); continue; }

            var names = InputText.SplitList(row.Groups);
            if (names.Count > 0 && !_can.HasGroups) { plan.Fail(row, email, op, NoGroups); continue; }
            var (groups, unknown) = await _groups.ResolveAsync(names, cancellationToken);
            // A known address gets its missing groups by id: as for membership changes, not by a list an earlier command read.
            if (unknown.Count == 0 && groups.Count > 0 && _groups.FromEarlierCommand)
                (groups, unknown) = await _groups.ResolveAfreshAsync(names, cancellationToken);
            if (unknown.Count > 0) { plan.Fail(row, email, op, UnknownGroups(unknown)); continue; }
            if (ManagedGroups(groups) is { } managed) { plan.Fail(row, email, op, managed); continue; }
            var (terms, refused) = await _terms.ResolveAsync(row, cancellationToken);
            if (refused is not null) { plan.Fail(row, email, op, refused); continue; }
            if (withoutLookups) { plan.Add(new InviteStep(row, email, groups, terms!) { Unchecked = true }); continue; }

            var existing = await _directory.FindAsync(email, cancellationToken);
            if (existing is null)
            {
                if (_can.InviteNeedsLastName && string.IsNullOrWhiteSpace(row.LastName))
                    plan.Fail(row, email, op, $"{_can.Platform} needs a last name for every new user, and {email} has none: add a LastName column.");
                else plan.Add(new InviteStep(row, email, groups, terms!));
                continue;
            }
            // Inviting someone registered already grants them the organisations they are not yet in.
            if (terms!.OrganizationIds.Except(existing.Organizations, StringComparer.OrdinalIgnoreCase).Any())
            {
                plan.Add(new InviteStep(row, email, groups, terms));
                continue;
            }
            // Without a new organisation no invitation goes, so a role they lack would silently not be given.
            if (terms.RoleNames.Except(existing.Roles, StringComparer.OrdinalIgnoreCase).ToList() is { Count: > 0 } lacking)
            {
                plan.Fail(row, email, op, $"{email} is already a user, without {PlannedStep.Quote(lacking)}: {_can.Platform} gives roles with an invitation "
                                          + "into an organisation they are not in yet; name that organisation, or give the role on the platform.");
                continue;
            }

            // Re-running an onboarding list must not fail for people already invited: only their missing groups are added.
            var missing = MissingGroups(existing, groups);
            if (missing.Count == 0) plan.Skip(row, email, op, AlreadyAUser(existing, groups));
            else if (CanChange(plan, row, existing, op)) plan.Add(new MembershipStep(row, existing, missing, add: true, op));
        }
        return plan.Build();
    }

    private string NoGroups => $"{_can.Platform} has no groups; leave Group empty.";

    /// <summary>Every row refused for what the platform cannot do, before anything is looked up.</summary>
    private static CommandPlan RefusedWhole(IEnumerable<RowRequest> rows, string op, string reason)
    {
        var plan = new PlanBuilder();
        foreach (var row in rows) plan.Fail(row, row.Target?.Trim() is { Length: > 0 } target ? target : NoUser, op, reason);
        return plan.Build();
    }

    private const string NoGroupToRemove =
        "Row has no Group value (a user's own Groups are not read as groups to remove); name them with -Group, or use -All to remove the user from every group.";

    public async Task<CommandPlan> PlanMembershipAsync(IReadOnlyList<MembershipRequest> rows, bool add, CancellationToken cancellationToken)
    {
        var plan = new PlanBuilder();
        var op = add ? OperationNames.AddToGroup : OperationNames.RemoveFromGroup;
        if (!_can.HasGroups) return RefusedWhole(rows, op, NoGroups);
        await _directory.PrepareAsync(rows.Select(r => r.User), cancellationToken);
        foreach (var row in rows)
        {
            if (await FindRowUserAsync(plan, row, row.User, op, cancellationToken) is not { } user) continue;
            var names = row.AllGroups ? PlannedGroups(user).ToList() : InputText.SplitList(row.Groups);
            if (row.AllGroups && names.Count == 0) { plan.Skip(row, user.Email, op, "In no group."); continue; }
            if (names.Count == 0) { plan.Fail(row, user.Email, op, add ? "Row has no Group value." : NoGroupToRemove); continue; }
            var (groups, unknown) = await _groups.ResolveAsync(names, cancellationToken);
            // A change goes to the groups' ids: a list an earlier command read may give a name to a group renamed
            // since, and the platform would take the change for that group without a word.
            if (unknown.Count == 0 && _groups.FromEarlierCommand && WouldChange(user, groups, add))
                (groups, unknown) = await _groups.ResolveAfreshAsync(names, cancellationToken);
            if (unknown.Count > 0) { plan.Fail(row, user.Email, op, UnknownGroups(unknown)); continue; }
            if (ManagedGroups(groups) is { } managed) { plan.Fail(row, user.Email, op, managed); continue; }

            var change = add ? MissingGroups(user, groups) : PresentGroups(user, groups);
            if (change.Count == 0)
            {
                plan.Skip(row, user.Email, op, add ? $"Already in {PlannedStep.Quote(groups.Select(g => g.Name))}." : $"Not in {PlannedStep.Quote(groups.Select(g => g.Name))}.");
                continue;
            }
            if (CanChange(plan, row, user, op)) plan.Add(new MembershipStep(row, user, change, add, op));
        }
        return plan.Build();
    }

    public async Task<CommandPlan> PlanAttributesAsync(IReadOnlyList<AttributeRequest> rows, CancellationToken cancellationToken)
    {
        var plan = new PlanBuilder();
        const string op = OperationNames.SetAttribute;
        await _directory.PrepareAsync(rows.Select(r => r.User), cancellationToken);
        foreach (var row in rows)
        {
            var key = row.User?.Trim() is { Length: > 0 } given ? given : NoUser;
            if (row.Attributes.Count == 0) { plan.Fail(row, key, op, "Row names no attribute to set."); continue; }
            var unsettable = row.Attributes.Keys.Where(name => !_can.CanSetAttribute(name)).ToList();
            if (unsettable.Count > 0) { plan.Fail(row, key, op, CannotSet(unsettable)); continue; }
            var cleared = row.Attributes.Where(a => a.Value.Count == 0).Select(a => a.Key).Where(a => !_can.CanClearAttribute(a)).ToList();
            if (cleared.Count > 0)
            {
                plan.Fail(row, key, op, $"{_can.Platform} cannot empty {PlannedStep.Quote(cleared)}: a blank value leaves it as it is.");
                continue;
            }
            if (await FindRowUserAsync(plan, row, row.User, op, cancellationToken) is not { } user) continue;

            var current = PlannedAttributes(user);
            var changes = row.Attributes
                .Where(a => !current.TryGetValue(a.Key, out var now) || !now.SequenceEqual(a.Value, StringComparer.Ordinal))
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase);
            if (changes.Count == 0) { plan.Skip(row, user.Email, op, "Attributes already have these values."); continue; }
            if (await _allowedValues.RefusalAsync(changes, cancellationToken) is { } refused) { plan.Fail(row, user.Email, op, refused); continue; }
            if (!CanChange(plan, row, user, op)) continue;
            foreach (var change in changes) current[change.Key] = change.Value;
            plan.Add(new AttributeStep(row, user, changes));
        }
        return plan.Build();
    }

    public async Task<CommandPlan> PlanUserStateAsync(IReadOnlyList<UserStateRequest> rows, bool enable, CancellationToken cancellationToken)
    {
        var plan = new PlanBuilder();
        var op = enable ? OperationNames.Enable : OperationNames.Disable;
        if (!_can.CanChangeUserState) return RefusedWhole(rows, op, $"{_can.Platform} cannot disable or enable accounts through its API; nothing was sent.");
        await _directory.PrepareAsync(rows.Select(r => r.User), cancellationToken);
        foreach (var row in rows)
        {
            if (await FindRowUserAsync(plan, row, row.User, op, cancellationToken) is not { } user) continue;

            var enabledNow = _plannedEnabled.TryGetValue(user.Id, out var planned) ? planned : user.Status != UserStatus.Inactive;
            if (enabledNow == enable) { plan.Skip(row, user.Email, op, enable ? "Already enabled." : "Already disabled."); continue; }
            if (!CanChange(plan, row, user, op)) continue;
            _plannedEnabled[user.Id] = enable;
            plan.Add(new UserStateStep(row, user, enable));
        }
        return plan.Build();
    }

    public async Task<CommandPlan> PlanNewGroupsAsync(IReadOnlyList<NewGroupRequest> rows, CancellationToken cancellationToken)
    {
        var plan = new PlanBuilder();
        const string op = OperationNames.CreateGroup;
        foreach (var row in rows)
        {
            var name = row.Name?.Trim() ?? string.Empty;
            if (name.Length == 0) { plan.Fail(row, "(no name)", op, "Row has no Name value."); continue; }
            if (_created.IsRepeat(name, row.Row, out var first)) { plan.Skip(row, name, op, $"Duplicate of row {first}."); continue; }
            if (await _groups.FindOnPlatformAsync(name, cancellationToken) is { } existing) { plan.Skip(row, name, op, $"Group already exists (id {existing.Id})."); continue; }
            if (!_can.CanCreateGroups) { plan.Fail(row, name, op, $"{_can.Platform} cannot create groups through its API; '{name}' was not created."); continue; }
            plan.Add(new CreateGroupStep(row, name));
        }
        return plan.Build();
    }

    /// <summary>The row's user, or null after failing the row with a message naming what is wrong.</summary>
    private async Task<User?> FindRowUserAsync(PlanBuilder plan, RowRequest row, string? emailOrId, string op, CancellationToken cancellationToken)
    {
        var key = emailOrId?.Trim() ?? string.Empty;
        if (key.Length == 0)
        {
            plan.Fail(row, NoUser, op, "Row has no User value (email or id).");
            return null;
        }
        var user = await _directory.FindAsync(key, cancellationToken);
        if (user is null) plan.Fail(row, key, op, NoSuchUser(key));
        return user;
    }

    /// <summary>False after failing the row when the platform cannot change this user at all.</summary>
    private bool CanChange(PlanBuilder plan, RowRequest row, User user, string op)
    {
        // The platform refuses every change to such a user; said here, -WhatIf tells the same as the real run.
        if (user.ExternallyManaged)
        {
            plan.Fail(row, user.Email, op, ScimManaged.User(user.Email, _can.Platform));
            return false;
        }
        if (_can.MissingName(user) is not { } missing) return true;
        plan.Fail(row, user.Email, op, missing);
        return false;
    }

    /// <summary>Why the platform will refuse changing these groups' members, or null when it will not.</summary>
    private string? ManagedGroups(IEnumerable<Group> groups) =>
        groups.Where(g => g.ExternallyManaged).Select(g => g.Name).ToList() is { Count: > 0 } managed
            ? ScimManaged.Groups(managed, _can.Platform)
            : null;

    private string CannotSet(IReadOnlyList<string> names)
    {
        var settable = _can.SettableAttributes ?? new HashSet<string>();
        if (settable.Count == 0) return $"{_can.Platform} sets no attributes through its API; {PlannedStep.Quote(names)} cannot be set.";
        var kept = settable.Count == 1 ? settable.Single() : string.Join(", ", settable.SkipLast(1)) + " and " + settable.Last();
        return $"{_can.Platform} keeps only the attributes {kept}; {PlannedStep.Quote(names)} cannot be set.";
    }

    private bool WouldChange(User user, IEnumerable<Group> groups, bool add)
    {
        var current = PlannedGroups(user);
        return groups.Any(g => current.Contains(g.Name) != add);
    }

    private List<Group> MissingGroups(User user, IEnumerable<Group> wanted)
    {
        var current = PlannedGroups(user);
        var missing = wanted.Where(g => !current.Contains(g.Name)).ToList();
        missing.ForEach(g => current.Add(g.Name));
        return missing;
    }

    private List<Group> PresentGroups(User user, IEnumerable<Group> unwanted)
    {
        var current = PlannedGroups(user);
        var present = unwanted.Where(g => current.Contains(g.Name)).ToList();
        present.ForEach(g => current.Remove(g.Name));
        return present;
    }

    private HashSet<string> PlannedGroups(User user)
    {
        if (!_plannedGroups.TryGetValue(user.Id, out var groups))
            _plannedGroups[user.Id] = groups = new HashSet<string>(user.Groups, StringComparer.OrdinalIgnoreCase);
        return groups;
    }

    private Dictionary<string, IReadOnlyList<string>> PlannedAttributes(User user)
    {
        if (!_plannedAttributes.TryGetValue(user.Id, out var attributes))
            _plannedAttributes[user.Id] = attributes = new Dictionary<string, IReadOnlyList<string>>(user.Attributes, StringComparer.OrdinalIgnoreCase);
        return attributes;
    }

    private const string NoUser = "(no user)";

    /// <summary>Why an invitation of someone already a user, and in its groups, changes nothing.</summary>
    internal static string AlreadyAUser(User user, IReadOnlyList<Group> groups) =>
        $"Already a user ({user.Status})" + (groups.Count == 0 ? "" : $" and already in {PlannedStep.Quote(groups.Select(g => g.Name))}") + ".";

    private static string UnknownGroups(IReadOnlyList<string> unknown) =>
        unknown.Count == 1 ? $"Group '{unknown[0]}' does not exist." : $"Groups {PlannedStep.Quote(unknown)} do not exist.";

    private static string NoSuchUser(string key) =>
        InputText.LooksLikeEmail(key) ? $"No user has the email address '{key}'." : $"No user has the id '{key}'.";
}
