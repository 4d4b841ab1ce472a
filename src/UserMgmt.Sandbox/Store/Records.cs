namespace UserMgmt.Sandbox.Store;

public sealed record GroupRef(string Id, string Name);

public sealed record UserRecord(
    string Id, string Email, string? FirstName, string? LastName,
    bool Enabled, bool EmailVerified, bool ScimManaged,
    Dictionary<string, List<string>> Attributes, List<GroupRef> Groups,
    long CreatedOn, long UpdatedOn, long? LastAccessOn);

public sealed record GroupRecord(string Id, string Name, string? Description, int MembersCount, bool ScimManaged, long CreatedAt);

/// <summary>The fields a user update may carry; null means "leave as it is".</summary>
/// <summary>A user's PUT; with ReplaceAttributes the attributes sent become the whole map instead of merging into it.</summary>
public sealed record UserUpdate(string? FirstName, string? LastName, bool? Enabled, Dictionary<string, List<string>>? Attributes, bool ReplaceAttributes = false);

/// <summary>The groups an assignment names, by id or, where the tenant takes them so, by name.</summary>
public sealed record GroupKeys(IReadOnlyList<string> Keys, bool ByName);
