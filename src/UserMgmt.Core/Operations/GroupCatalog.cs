using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// The platform's groups as one command sees them, so names can be resolved to ids without a call per row.
/// The list may come from an earlier command on the same connection (<see cref="KnownGroups"/>); a name it
/// does not hold is then read again before it is called unknown.
/// </summary>
internal sealed class GroupCatalog(IUserProvider provider, KnownGroups? connectionGroups = null)
{
    private IReadOnlyList<Group>? _groups;
    private bool _reused;

    /// <summary>
    /// Whether the connection's list may serve this command. A preview or a confirmation prompt reads the platform's
    /// list, and keeps it, so the run after it goes by the same groups as what it was shown.
    /// </summary>
    public bool ReusesKnownGroups { get; set; } = true;

    public async Task<IReadOnlyList<Group>> AllAsync(CancellationToken cancellationToken)
    {
        if (_groups is not null) return _groups;
        if (connectionGroups is null) return _groups = [.. await provider.ListGroupsAsync(cancellationToken)];
        if (!ReusesKnownGroups) return _groups = await connectionGroups.ReadAsync(cancellationToken);
        (_groups, _reused) = await connectionGroups.RecentAsync(cancellationToken);
        return _groups;
    }

    public async Task<Group?> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var found = Match(await AllAsync(cancellationToken), nameOrId);
        if (found is null && _reused)
        {
            await ReadAgainAsync(cancellationToken);
            found = Match(_groups!, nameOrId);
        }
        return found ?? await provider.FindUnlistedGroupAsync(nameOrId, cancellationToken);
    }

    /// <summary>
    /// The group as the platform has it now, for answers that tell what the platform holds ("already exists"): a
    /// group found only in a list an earlier command read may have been deleted or renamed since.
    /// </summary>
    public async Task<Group?> FindOnPlatformAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await AllAsync(cancellationToken);
        if (_reused) await ReadAgainAsync(cancellationToken);
        return await FindAsync(nameOrId, cancellationToken);
    }

    /// <summary>Whether the groups found so far come from a list an earlier command read, not from the platform now.</summary>
    public bool FromEarlierCommand => _reused;

    /// <summary>Resolves the names with the platform's list as read now, for a change about to be sent to the groups' ids.</summary>
    public async Task<(List<Group> Found, List<string> Unknown)> ResolveAfreshAsync(IEnumerable<string> namesOrIds, CancellationToken cancellationToken)
    {
        if (_reused) await ReadAgainAsync(cancellationToken);
        return await ResolveAsync(namesOrIds, cancellationToken);
    }

    private async Task ReadAgainAsync(CancellationToken cancellationToken)
    {
        _groups = await connectionGroups!.ReadAsync(cancellationToken);
        _reused = false;
    }

    private static Group? Match(IReadOnlyList<Group> groups, string nameOrId) =>
        groups.FirstOrDefault(g => g.Id == nameOrId)
        ?? groups.FirstOrDefault(g => string.Equals(g.Name, nameOrId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves every name or id; those that match no group are returned apart.</summary>
    public async Task<(List<Group> Found, List<string> Unknown)> ResolveAsync(IEnumerable<string> namesOrIds, CancellationToken cancellationToken)
    {
        var found = new List<Group>();
        var unknown = new List<string>();
        foreach (var key in namesOrIds)
        {
            if (await FindAsync(key, cancellationToken) is { } group) found.Add(group);
            else unknown.Add(key);
        }
        return (found, unknown);
    }
}
