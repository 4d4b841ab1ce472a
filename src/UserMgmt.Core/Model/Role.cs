namespace UserMgmt.Model;

/// <summary>A platform role; platforms that rank roles give them a weight (higher grants more).</summary>
public sealed class Role
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public int? Weight { get; init; }

    public override string ToString() => Name;
}
