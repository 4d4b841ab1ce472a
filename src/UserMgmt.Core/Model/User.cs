namespace UserMgmt.Model;

/// <summary>A user as every provider maps it: the union of what the supported platforms know about a person.</summary>
public sealed class User
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public UserStatus Status { get; init; }
    /// <summary>Names of the groups (teams) the user belongs to.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>The organisations the user belongs to, by id, on platforms that have several.</summary>
    public IReadOnlyList<string> Organizations { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Managed by an external SCIM client; platforms refuse changes to such users.</summary>
    public bool ExternallyManaged { get; init; }
    public DateTimeOffset? Created { get; init; }

    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));

    public override string ToString() => Email;
}
