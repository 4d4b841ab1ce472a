using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;

namespace UserMgmt.Plans;

/// <summary>
/// Compares a plan with the live directory and lists the changes that make them match, in the order
/// they must be applied; nothing is listed for what already holds. References to users or groups that
/// do not exist are problems, reported at their place in the file, and so are changes the platform cannot
/// make and changes the plan names to a user or group the platform refuses to change (managed by SCIM,
/// or without the last name the platform needs).
/// </summary>
public static class ReorgPlanner
{
    public static async Task<(ReorgPlan? Plan, IReadOnlyList<PlanProblem> Problems)> PlanAsync(
        ReorgPlanDocument document, IUserProvider provider, CancellationToken cancellationToken)
    {
        // A group the plan wants absent is not asked for by name: one the listing leaves out has nobody to remove.
        var wanted = document.Groups.Where(g => !g.Absent).Select(g => g.Name).Concat(Selected(document));
        var live = await DirectorySnapshot.ReadAsync(provider, cancellationToken, wanted);
        var roles = await RolesNamedAsync(document, provider, cancellationToken);
        var (plan, problems) = Plan(document, live, provider.Capabilities, roles);
        var refused = await RefusedValuesAsync(document, provider, cancellationToken);
        return refused.Count == 0 ? (plan, problems) : (null, problems.Concat(refused).ToList());
    }

    /// <summary>The groups whose members the plan gives a group or a role (memberOf): read, and fingerprinted, as the groups it names are.</summary>
    private static IEnumerable<string> Selected(ReorgPlanDocument document) =>
        document.Groups.SelectMany(g => g.Include).Concat(document.Roles.SelectMany(r => r.Include)).OfType<GroupSelector>().Select(s => s.Group);

    /// <summary>The platform's roles, with those the plan names that its listing may leave out; null when the plan names none it could change.</summary>
    private static async Task<IReadOnlyCollection<Role>?> RolesNamedAsync(ReorgPlanDocument document, IUserProvider provider, CancellationToken cancellationToken)
    {
        if (document.Roles.Count == 0 || !provider.Capabilities.CanChangeRoles) return null;
        var roles = (await provider.ListRolesAsync(cancellationToken)).ToList();
        foreach (var spec in document.Roles.Where(s => !roles.Any(r => string.Equals(r.Name, s.Name, StringComparison.OrdinalIgnoreCase))))
            if (await provider.FindUnlistedRoleAsync(spec.Name, cancellationToken) is { } unlisted) roles.Add(unlisted);
        return roles;
    }

    /// <summary>Attribute values the platform keeps to a set it does not hold them in, at the place the plan gives them.</summary>
    private static async Task<List<PlanProblem>> RefusedValuesAsync(ReorgPlanDocument document, IUserProvider provider, CancellationToken cancellationToken)
    {
        var allowed = new AllowedValues(provider);
        var problems = new List<PlanProblem>();
        foreach (var spec in document.Attributes.Where(a => provider.Capabilities.CanSetAttribute(a.Attribute)))
            if (await allowed.RefusalAsync(spec.Attribute, spec.Values, cancellationToken) is { } refusal)
                problems.Add(new PlanProblem(spec.At, refusal));
        return problems;
    }

    /// <summary>
    /// The attribute values of a plan made earlier (perhaps on another platform) that this platform does
    /// not hold, each with the change that gives it: such a plan is refused before anything is sent.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RefusedValuesAsync(ReorgPlan plan, IUserProvider provider, CancellationToken cancellationToken)
    {
        var allowed = new AllowedValues(provider);
        var refused = new List<string>();
        foreach (var change in plan.Changes.Where(c => c.Kind == ChangeKind.SetAttribute && provider.Capabilities.CanSetAttribute(c.Attribute ?? "")))
            if (await allowed.RefusalAsync(change.Attribute!, change.Values, cancellationToken) is { } refusal)
                refused.Add($"change {change.Order} ({change.Line.Trim()}): {refusal}");
        return refused;
    }

    /// <summary>
    /// The changes, or problems; <paramref name="platform"/> says what the platform cannot change, so a preview never promises it,
    /// and <paramref name="roles"/> are the roles it has, by which the plan's role names are checked.
    /// </summary>
    public static (ReorgPlan? Plan, IReadOnlyList<PlanProblem> Problems) Plan(ReorgPlanDocument document, DirectorySnapshot live,
        ProviderCapabilities? platform = null, IReadOnlyCollection<Role>? roles = null)
    {
        var problems = new List<PlanProblem>();
        var notes = new List<PlanNote>();
        var name = platform?.Platform ?? "The platform";
        if (platform is not null) problems.AddRange(Unsupported(document, live, platform));
        // Why the platform will refuse any change to this user, or null: SCIM owns it, or a name it needs is missing.
        string? Refused(User user) =>
            user.ExternallyManaged ? ScimManaged.User(user.Email, name)
            : platform?.MissingName(user);
        var declared = document.Groups.Where(g => !g.Absent).Select(g => g.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var changes = new List<PlanChange>();

        foreach (var group in document.Groups.Where(g => !g.Absent && !live.GroupsByName.ContainsKey(g.Name)))
            changes.Add(new PlanChange(0, ChangeKind.CreateGroup, group.Name) { Description = group.Description });

        var removals = new List<PlanChange>();
        foreach (var group in document.Groups.Where(g => !g.Absent))
        {
            var desired = Resolve(group.Include, live, declared, problems);
            var current = live.MembersOf(group.Name);
            var adds = desired.Where(e => !current.Contains(e)).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var removes = group.Mode == MembershipMode.Exact
                ? current.Where(e => !desired.Contains(e)).Order(StringComparer.OrdinalIgnoreCase).ToList()
                : [];
            if (adds.Count + removes.Count > 0 && Managed(live, group.Name))
            {
                problems.Add(new PlanProblem(group.At, ScimManaged.Group(group.Name, name)));
                continue;
            }
            LeaveOutRefused($"'{Excerpt.Of(group.Name)}'", group.Include, group.At, adds, removes, live, Refused, problems, notes);
            changes.AddRange(adds.Select(e => new PlanChange(0, ChangeKind.AddMember, e) { Group = group.Name }));
            removals.AddRange(removes.Select(e => new PlanChange(0, ChangeKind.RemoveMember, e) { Group = group.Name }));
        }
        changes.AddRange(removals);

        var revocations = new List<PlanChange>();
        var heldRoles = new List<string>();
        foreach (var role in document.Roles.Where(_ => platform is not { CanChangeRoles: false }))
        {
            if (RoleNamed(role, roles, problems) is not { } held) continue;
            heldRoles.Add(held);
            var desired = Resolve(role.Include, live, declared, problems);
            var current = live.HoldersOf(held);
            var grants = desired.Where(e => !current.Contains(e)).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var revokes = role.Mode == MembershipMode.Exact
                ? current.Where(e => !desired.Contains(e)).Order(StringComparer.OrdinalIgnoreCase).ToList()
                : [];
            LeaveOutRefused($"role '{Excerpt.Of(held)}'", role.Include, role.At, grants, revokes, live, Refused, problems, notes);
            changes.AddRange(grants.Select(e => new PlanChange(0, ChangeKind.GrantRole, e) { Role = held }));
            revocations.AddRange(revokes.Select(e => new PlanChange(0, ChangeKind.RevokeRole, e) { Role = held }));
        }
        changes.AddRange(revocations);

        foreach (var spec in document.Attributes)
        {
            if (Known(live, spec.User, spec.At, problems) is not { } user) continue;
            var now = user.Attributes.TryGetValue(spec.Attribute, out var values) ? values : [];
            if (now.SequenceEqual(spec.Values, StringComparer.Ordinal)) continue;
            if (Refused(user) is { } why) problems.Add(new PlanProblem(spec.At, why));
            else changes.Add(new PlanChange(0, ChangeKind.SetAttribute, user.Email) { Attribute = spec.Attribute, Values = spec.Values });
        }
        foreach (var spec in document.Disable)
        {
            if (Known(live, spec.User, spec.At, problems) is not { Status: not UserStatus.Inactive } user) continue;
            if (Refused(user) is { } why) problems.Add(new PlanProblem(spec.At, why));
            else changes.Add(new PlanChange(0, ChangeKind.DisableUser, user.Email));
        }
        foreach (var group in document.Groups.Where(g => g.Absent && live.GroupsByName.ContainsKey(g.Name)))
        {
            if (Managed(live, group.Name)) problems.Add(new PlanProblem(group.At, ScimManaged.Group(group.Name, name)));
            else changes.Add(new PlanChange(0, ChangeKind.DeleteGroup, group.Name));
        }

        if (problems.Count > 0) return (null, problems);
        var ordered = changes.Select((c, i) => c with { Order = i + 1 }).ToList();
        var users = ordered.Where(c => c.Kind is not (ChangeKind.CreateGroup or ChangeKind.DeleteGroup)).Select(c => c.Target)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(e => e, live.UserFingerprint, StringComparer.OrdinalIgnoreCase);
        var groups = document.Groups.Select(g => g.Name).Concat(Selected(document))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(g => g, live.GroupFingerprint, StringComparer.OrdinalIgnoreCase);
        return (new ReorgPlan
        {
            SourceFile = document.File, Origin = document.File, ComputedAt = DateTimeOffset.Now,
            Changes = ordered, Notes = notes, Users = users, Groups = groups,
            Roles = heldRoles.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(r => r, live.RoleFingerprint, StringComparer.OrdinalIgnoreCase),
        }, problems);
    }

    /// <summary>
    /// Takes out of <paramref name="adds"/> and <paramref name="removes"/> the users the platform will not change. One the
    /// plan names is the plan's mistake; one a selector or an exact list merely sweeps up is left as it is, with a note, so
    /// that one such account (SCIM-managed, say) does not stop the whole plan.
    /// </summary>
    private static void LeaveOutRefused(string what, IReadOnlyList<MemberSpec> include, SourcePosition at, List<string> adds, List<string> removes,
        DirectorySnapshot live, Func<User, string?> refused, List<PlanProblem> problems, List<PlanNote> notes)
    {
        var named = include.OfType<EmailMember>().GroupBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(m => m.Key, m => m.First().At, StringComparer.OrdinalIgnoreCase);
        foreach (var email in adds.Where(e => refused(live.UsersByEmail[e]) is not null))
            if (named.TryGetValue(email, out var place)) problems.Add(new PlanProblem(place, refused(live.UsersByEmail[email])!));
            else notes.Add(new PlanNote(at, $"{email} is left out of {what}: {refused(live.UsersByEmail[email])}"));
        foreach (var email in removes.Where(e => refused(live.UsersByEmail[e]) is not null))
            notes.Add(new PlanNote(at, $"{email} stays in {what}: {refused(live.UsersByEmail[email])}"));
        adds.RemoveAll(e => refused(live.UsersByEmail[e]) is not null);
        removes.RemoveAll(e => refused(live.UsersByEmail[e]) is not null);
    }

    /// <summary>The role's name as the platform spells it; unknown to the platform, a problem offering the closest names.</summary>
    private static string? RoleNamed(RoleSpec spec, IReadOnlyCollection<Role>? roles, List<PlanProblem> problems)
    {
        if (roles is null) return spec.Name;
        if (roles.FirstOrDefault(r => string.Equals(r.Name, spec.Name, StringComparison.OrdinalIgnoreCase)) is { } role) return role.Name;
        problems.Add(new PlanProblem(spec.At, $"No role is named '{Excerpt.Of(spec.Name)}'.{DidYouMean.Suffix(spec.Name, roles.Select(r => r.Name))}"));
        return null;
    }

    private static bool Managed(DirectorySnapshot live, string group) =>
        live.GroupsByName.TryGetValue(group, out var g) && g.ExternallyManaged;

    /// <summary>What the plan asks of the platform that it cannot do, at the place the plan asks it.</summary>
    private static IEnumerable<PlanProblem> Unsupported(ReorgPlanDocument document, DirectorySnapshot live, ProviderCapabilities platform)
    {
        foreach (var group in document.Groups)
        {
            var exists = live.GroupsByName.ContainsKey(group.Name);
            if (!group.Absent && !exists && !platform.CanCreateGroups)
                yield return new PlanProblem(group.At, $"{platform.Platform} cannot create groups: '{Excerpt.Of(group.Name)}' does not exist there.");
            if (group.Absent && exists && !platform.CanDeleteGroups)
                yield return new PlanProblem(group.At, $"{platform.Platform} cannot delete groups: '{Excerpt.Of(group.Name)}' cannot be made absent.");
        }
        foreach (var role in document.Roles.Where(_ => !platform.CanChangeRoles))
            yield return new PlanProblem(role.At, $"{platform.Platform} cannot change who holds a role: role '{Excerpt.Of(role.Name)}' cannot be planned.");
        foreach (var spec in document.Attributes)
            if (!platform.CanSetAttribute(spec.Attribute))
                yield return new PlanProblem(spec.At, $"{platform.Platform} cannot set the attribute '{spec.Attribute}'.");
            else if (Empties(spec.Values) && !platform.CanClearAttribute(spec.Attribute))
                yield return new PlanProblem(spec.At, $"{platform.Platform} cannot empty the attribute '{spec.Attribute}': a blank value leaves it as it is.");
    }

    /// <summary>
    /// The changes of a plan made earlier (perhaps on another platform, or edited since) that this platform
    /// cannot make, each with the capability it lacks: such a plan is refused before anything is sent.
    /// </summary>
    public static IReadOnlyList<string> Unsupported(ReorgPlan plan, ProviderCapabilities platform) =>
        plan.Changes.Where(c => Refusal(c, platform) is not null).Select(c => $"change {c.Order} ({c.Line.Trim()}): {Refusal(c, platform)}").ToList();

    /// <summary>Why the platform cannot make this change, naming the platform and what it lacks; null when it can.</summary>
    public static string? Refusal(PlanChange change, ProviderCapabilities platform) => change.Kind switch
    {
        ChangeKind.CreateGroup when !platform.CanCreateGroups => $"{platform.Platform} cannot create groups",
        ChangeKind.DeleteGroup when !platform.CanDeleteGroups => $"{platform.Platform} cannot delete groups",
        ChangeKind.GrantRole or ChangeKind.RevokeRole when !platform.CanChangeRoles => $"{platform.Platform} cannot change who holds a role",
        ChangeKind.SetAttribute when !platform.CanSetAttribute(change.Attribute ?? "") => $"{platform.Platform} cannot set the attribute '{change.Attribute}'",
        ChangeKind.SetAttribute when Empties(change.Values) && !platform.CanClearAttribute(change.Attribute ?? "") => $"{platform.Platform} cannot empty the attribute '{change.Attribute}'",
        _ => null,
    };

    /// <summary>Values that empty an attribute: none, or blanks only (YAML's null reads as one blank).</summary>
    private static bool Empties(IReadOnlyList<string>? values) => values is not null && values.All(string.IsNullOrWhiteSpace);

    /// <summary>Users and groups whose fingerprint differs now from when the plan was computed.</summary>
    public static IReadOnlyList<string> Moved(ReorgPlan plan, DirectorySnapshot live) =>
        plan.Users.Where(u => live.UserFingerprint(u.Key) != u.Value).Select(u => $"user {u.Key}")
            .Concat(plan.Groups.Where(g => live.GroupFingerprint(g.Key) != g.Value).Select(g => $"group {g.Key}"))
            .Concat(plan.Roles.Where(r => live.RoleFingerprint(r.Key) != r.Value).Select(r => $"role {r.Key}"))
            .ToList();

    private static HashSet<string> Resolve(IReadOnlyList<MemberSpec> include, DirectorySnapshot live, HashSet<string> declared, List<PlanProblem> problems)
    {
        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in include)
        {
            switch (spec)
            {
                case EmailMember m:
                    if (Known(live, m.Email, m.At, problems) is { } user) members.Add(user.Email);
                    break;
                case GroupSelector s:
                    if (!live.GroupsByName.ContainsKey(s.Group) && !declared.Contains(s.Group))
                        problems.Add(new PlanProblem(s.At, $"No group is named '{Excerpt.Of(s.Group)}'."));
                    members.UnionWith(live.MembersOf(s.Group));
                    break;
                case AttributeSelector s:
                    members.UnionWith(live.UsersWith(s.Attribute, s.Value));
                    break;
                case EmailPatternSelector s:
                    members.UnionWith(live.UsersByEmail.Keys.Where(new WildcardMatcher(s.Pattern).IsMatch));
                    break;
            }
        }
        return members;
    }

    private static User? Known(DirectorySnapshot live, string email, SourcePosition at, List<PlanProblem> problems)
    {
        if (live.UsersByEmail.TryGetValue(email, out var user)) return user;
        problems.Add(new PlanProblem(at, $"No user has the email address '{email}'."));
        return null;
    }
}
