namespace UserMgmt.Model;

/// <summary>An identity provider users sign in through; the prefix marks the user names it owns.</summary>
public sealed class IdentityProvider
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Prefix { get; init; }
    public bool Enabled { get; init; }

    public override string ToString() => Name;
}
