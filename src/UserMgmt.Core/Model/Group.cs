namespace UserMgmt.Model;

public sealed class Group
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public int MemberCount { get; init; }
    public bool ExternallyManaged { get; init; }
    public DateTimeOffset? Created { get; init; }

    public override string ToString() => Name;

    /// <summary>
    /// A group as typed on a command line (Get-User -Group Contractors): a name or an id, looked up
    /// before use. PowerShell converts text to a Group through this method.
    /// </summary>
    public static Group Parse(string nameOrId) => new() { Id = nameOrId, Name = nameOrId };
}
