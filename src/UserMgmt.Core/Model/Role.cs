namespace UserMgmt.Model;

/// <summary>A platform role: what an invitation names to set a person's permissions. Weight orders roles as the platform ranks them.</summary>
public sealed record Role(string Id, string Name, int Weight)
{
    public override string ToString() => Name;
}
