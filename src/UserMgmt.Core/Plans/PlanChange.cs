namespace UserMgmt.Plans;

/// <summary>The kinds of change a plan makes, in the order they are applied.</summary>
public enum ChangeKind
{
    CreateGroup,
    AddMember,
    RemoveMember,
    GrantRole,
    RevokeRole,
    SetAttribute,
    DisableUser,
    DeleteGroup,
}

/// <summary>One change a plan will make; <see cref="Line"/> reads like a line of a diff.</summary>
public sealed record PlanChange(int Order, ChangeKind Kind, string Target)
{
    public string? Group { get; init; }
    public string? Role { get; init; }
    public string? Description { get; init; }
    public string? Attribute { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Removals, revocations, disables and deletes: changes that take something away from someone.</summary>
    public bool HighImpact => Kind is ChangeKind.RemoveMember or ChangeKind.RevokeRole or ChangeKind.DisableUser or ChangeKind.DeleteGroup;

    public string Line => Kind switch
    {
        ChangeKind.CreateGroup => $"+ create   {Target}",
        ChangeKind.AddMember => $"+ add      {Target} → {Group}",
        ChangeKind.RemoveMember => $"- remove   {Target} → {Group}",
        ChangeKind.GrantRole => $"+ grant    {Target} → role {Role}",
        ChangeKind.RevokeRole => $"- revoke   {Target} → role {Role}",
        ChangeKind.SetAttribute => $"~ set      {Target}: {Attribute} = '{string.Join("; ", Values)}'",
        ChangeKind.DisableUser => $"- disable  {Target}",
        ChangeKind.DeleteGroup => $"- delete   {Target}",
        _ => Target,
    };

    public override string ToString() => Line;
}
