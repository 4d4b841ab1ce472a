using UserMgmt.Model;

namespace UserMgmt.Operations;

/// <summary>Which users a listing wants: matching a search, in a group, in a status; null means any.</summary>
public sealed record UserQuery(string? Search = null, Group? Group = null, UserStatus? Status = null)
{
    /// <summary>Whether the platform's own paging cannot answer this alone, so the list is read and filtered here.</summary>
    public bool FiltersLocally => Group is not null || Status is not null;

    public bool Matches(User user) =>
        (Group is null || user.Groups.Contains(Group.Name, StringComparer.OrdinalIgnoreCase))
        && (Status is null || user.Status == Status);

    /// <summary>The enabled flag platforms can filter on themselves: invited and active accounts are both enabled.</summary>
    public bool? Enabled => Status switch
    {
        null => null,
        UserStatus.Inactive => false,
        _ => true,
    };
}
