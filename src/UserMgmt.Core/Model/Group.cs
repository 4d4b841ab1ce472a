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
}
