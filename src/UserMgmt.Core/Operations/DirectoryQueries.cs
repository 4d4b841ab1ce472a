using System.Runtime.CompilerServices;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>The reads behind Get-User and Get-Group. The groups they read are kept on the connection for later commands.</summary>
public sealed class DirectoryQueries(IUserProvider provider, KnownGroups? connectionGroups = null)
{
    public const int DefaultPageSize = 100;

    private readonly UserDirectory _directory = new(provider);

    /// <summary>The user with this email address or id, or null.</summary>
    public Task<User?> FindUserAsync(string emailOrId, CancellationToken cancellationToken) =>
        _directory.FindAsync(emailOrId.Trim(), cancellationToken);

    /// <summary>
    /// Emits users matching the search (all users when it is empty), page by page, up to the limit
    /// (no limit when null). Returns how many users the platform says match.
    /// </summary>
    public Task<int> ListUsersAsync(string? search, int? limit, Action<User> emit, CancellationToken cancellationToken) =>
        ListUsersAsync(new UserQuery(search), 0, limit, emit, cancellationToken);

    /// <summary>
    /// Emits the users the query matches, leaving out the first <paramref name="skip"/>, up to the
    /// limit (no limit when null). Returns how many users match in all.
    /// </summary>
    public async Task<int> ListUsersAsync(UserQuery query, int skip, int? limit, Action<User> emit, CancellationToken cancellationToken)
    {
        if (query.Status is { } status && !provider.Capabilities.KnownStatuses.Contains(status))
            throw new NotSupportedException($"the platform does not tell {status} users apart; it knows {string.Join(", ", provider.Capabilities.KnownStatuses)}");
        // Platforms page by page number or by offset, so a skip is counted here, where it means the same everywhere.
        return query.FiltersLocally || skip > 0
            ? await ListFilteredAsync(query, skip, limit, emit, cancellationToken)
            : await ListPagedAsync(query.Search, limit, emit, cancellationToken);
    }

    /// <summary>Members of a group, users in a status, or a later page: the candidates are read and filtered here.</summary>
    private async Task<int> ListFilteredAsync(UserQuery query, int skip, int? limit, Action<User> emit, CancellationToken cancellationToken)
    {
        var matched = 0;
        await foreach (var user in CandidatesAsync(query, cancellationToken))
            if (query.Matches(user))
            {
                if (matched >= skip && (limit is null || matched - skip < limit)) emit(user);
                matched++;
            }
        return matched;
    }

    /// <summary>
    /// The users that may match: the group's members where the platform lists them (and nothing narrows them by
    /// search), otherwise every user, narrowed to enabled or disabled accounts where the platform filters by status.
    /// </summary>
    private async IAsyncEnumerable<User> CandidatesAsync(UserQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var platform = provider.Capabilities;
        if (query.Group is { } group && platform.ListsGroupMembers && string.IsNullOrEmpty(query.Search))
        {
            foreach (var member in await provider.ListGroupMembersAsync(group, cancellationToken)) yield return member;
            yield break;
        }
        var enabled = platform.FiltersUsersByStatus ? query.Enabled : null;
        var pages = UserPaging.ReadAsync(provider, query.Search, enabled, DefaultPageSize, null, "users", cancellationToken);
        if (enabled is null)
        {
            await foreach (var page in pages)
                foreach (var user in page.Users) yield return user;
            yield break;
        }
        // Every page before the first user: the command these users are piped into may change their status while later
        // pages are read, and each user leaving the platform's filtered list would move its offsets past one never read.
        var all = new List<User>();
        await foreach (var page in pages) all.AddRange(page.Users);
        foreach (var user in all) yield return user;
    }

    private async Task<int> ListPagedAsync(string? search, int? limit, Action<User> emit, CancellationToken cancellationToken)
    {
        var emitted = 0;
        int? total = null;
        await foreach (var page in UserPaging.ReadAsync(provider, search, null, DefaultPageSize, limit, "users", cancellationToken))
        {
            foreach (var user in page.Users) emit(user);
            emitted += page.Users.Count;
            total = page.Total;
        }
        // Stopped by the limit with more to come (or asked for none): the total is counted separately.
        return emitted >= limit && (total is null || emitted < total) ? await TotalAsync(search, emitted, cancellationToken) : total ?? emitted;
    }

    /// <summary>Every group when no name is given; otherwise the groups with this id or name.</summary>
    /// <remarks>An empty name (an empty cell, an unset variable) names no group: read as "all", its members would be piped into changes.</remarks>
    public async Task<IReadOnlyList<Group>> ListGroupsAsync(string? name, CancellationToken cancellationToken)
    {
        var groups = connectionGroups is null
            ? await provider.ListGroupsAsync(cancellationToken)
            : await connectionGroups.ReadAsync(cancellationToken);
        return name is null
            ? groups
            : groups.Where(g => g.Id == name || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private async Task<int> TotalAsync(string? search, int emitted, CancellationToken cancellationToken) =>
        Math.Max(emitted, (await provider.ListUsersAsync(search, 0, 1, cancellationToken)).Total);
}
