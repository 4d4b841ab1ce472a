namespace UserMgmt.Plans;

/// <summary>Where something stands in a plan file: file, line and column, from 1.</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>Something wrong with a plan, at the place it was found.</summary>
public sealed record PlanProblem(SourcePosition At, string Message)
{
    public override string ToString() => $"{At}: {Message}";
}

/// <summary>Something the plan asks that is left undone, said so that nobody takes it for done; the rest of the plan still applies.</summary>
public sealed record PlanNote(SourcePosition At, string Message)
{
    public override string ToString() => $"{At}: {Message}";
}

public enum MembershipMode
{
    /// <summary>The group holds at least the members listed; others stay.</summary>
    Additive,
    /// <summary>The group holds exactly the members listed; others are removed.</summary>
    Exact,
}

/// <summary>Who belongs in a group: an address, or a selector over the live directory.</summary>
public abstract record MemberSpec(SourcePosition At);
public sealed record EmailMember(string Email, SourcePosition At) : MemberSpec(At);
public sealed record AttributeSelector(string Attribute, string Value, SourcePosition At) : MemberSpec(At);
public sealed record GroupSelector(string Group, SourcePosition At) : MemberSpec(At);
public sealed record EmailPatternSelector(string Pattern, SourcePosition At) : MemberSpec(At);

public sealed record GroupSpec(string Name, string? Description, bool Absent, MembershipMode Mode, IReadOnlyList<MemberSpec> Include, SourcePosition At);

public sealed record AttributeSpec(string User, string Attribute, IReadOnlyList<string> Values, SourcePosition At);

public sealed record DisableSpec(string User, SourcePosition At);

/// <summary>Who holds a role: the people listed, and with <see cref="MembershipMode.Exact"/> nobody else.</summary>
public sealed record RoleSpec(string Name, MembershipMode Mode, IReadOnlyList<MemberSpec> Include, SourcePosition At);

/// <summary>A reorganisation plan as written: the desired state of groups, memberships, roles, attributes and accounts.</summary>
public sealed record ReorgPlanDocument(
    string File, int Version, IReadOnlyList<GroupSpec> Groups, IReadOnlyList<AttributeSpec> Attributes, IReadOnlyList<DisableSpec> Disable)
{
    public IReadOnlyList<RoleSpec> Roles { get; init; } = [];
}
