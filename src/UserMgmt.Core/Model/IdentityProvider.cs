namespace UserMgmt.Model;

/// <summary>A way invited accounts may sign in (a company directory, the platform's own accounts); only an enabled one can be named.</summary>
public sealed record IdentityProvider(string Id, string Name, string? Prefix, bool Enabled)
{
    public override string ToString() => Name;
}
