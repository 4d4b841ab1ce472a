using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>The platform's groups, read once per command, so names can be resolved to ids without a call per row.</summary>
internal sealed class GroupCatalog(IUserProvider provider)
{
    private List<Group>? _groups;

    public async Task<IReadOnlyList<Group>> AllAsync(CancellationToken cancellationToken) =>
        _groups ??= [.. await provider.ListGroupsAsync(cancellationToken)];

    public async Task<Group?> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var groups = await AllAsync(cancellationToken);
        return groups.FirstOrDefault(g => g.Id == nameOrId)
               ?? groups.FirstOrDefault(g => string.Equals(g.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
               ?? await provider.FindUnlistedGroupAsync(nameOrId, cancellationToken);
    }

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
