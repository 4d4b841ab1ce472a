using System.Security.Cryptography;
using System.Text;
using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Operations;

namespace UserMgmt.Plans;

/// <summary>The live users and groups a plan is computed from, read once.</summary>
public sealed class DirectorySnapshot
{
    private const int PageSize = 500;

    /// <summary>The fingerprint of a user or group that does not exist.</summary>
    public const string Absent = "absent";

    private DirectorySnapshot(IReadOnlyList<User> users, IReadOnlyList<Group> groups)
    {
        UsersByEmail = users.Where(u => u.Email.Length > 0).GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        GroupsByName = groups.GroupBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var members = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in UsersByEmail.Values)
            foreach (var group in user.Groups)
            {
                if (!members.TryGetValue(group, out var set)) members[group] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.Add(user.Email);
            }
        _members = members;
    }

    private readonly Dictionary<string, HashSet<string>> _members;
    private Dictionary<(string Attribute, string Value), List<string>>? _byAttribute;

    public IReadOnlyDictionary<string, User> UsersByEmail { get; }
    public IReadOnlyDictionary<string, Group> GroupsByName { get; }

    public IReadOnlySet<string> MembersOf(string group) =>
        _members.TryGetValue(group, out var set) ? set : new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses of the users who hold the role (its name, any case).</summary>
    public IReadOnlySet<string> HoldersOf(string role) =>
        UsersByEmail.Values.Where(u => u.Roles.Contains(role, StringComparer.OrdinalIgnoreCase)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses of the users whose attribute holds the value (case ignored); indexed on first use.</summary>
    public IReadOnlyList<string> UsersWith(string attribute, string value)
    {
        _byAttribute ??= UsersByEmail.Values
            .SelectMany(u => u.Attributes.SelectMany(a => a.Value.Select(v => (Key: (a.Key.ToLowerInvariant(), v.ToLowerInvariant()), u.Email))))
            .GroupBy(x => x.Key, x => x.Email)
            .ToDictionary(g => g.Key, g => g.ToList());
        return _byAttribute.TryGetValue((attribute.ToLowerInvariant(), value.ToLowerInvariant()), out var emails) ? emails : [];
    }

    public static DirectorySnapshot From(IReadOnlyList<User> users, IReadOnlyList<Group> groups) => new(users, groups);

    /// <param name="named">
    /// Groups the caller names: one the listing leaves out is asked for by name, since a platform may list only
    /// the groups someone is in (CCAI's template of held teams), and such a group exists with no members.
    /// </param>
    public static async Task<DirectorySnapshot> ReadAsync(IUserProvider provider, CancellationToken cancellationToken, IEnumerable<string>? named = null)
    {
        var groups = (await provider.ListGroupsAsync(cancellationToken)).ToList();
        foreach (var name in (named ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
            if (!groups.Any(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
                && await provider.FindUnlistedGroupAsync(name, cancellationToken) is { } unlisted)
                groups.Add(unlisted);
        var users = await UserPaging.ReadAllAsync(provider, Math.Min(PageSize, provider.Capabilities.LargestPage), cancellationToken);
        return new DirectorySnapshot(users, groups);
    }

    /// <summary>Changes whenever the user's state, groups, roles or attributes change.</summary>
    public string UserFingerprint(string email) => UsersByEmail.TryGetValue(email, out var u)
        ? Hash($"{u.Id}|{u.Status}|{string.Join(",", u.Groups.Order(StringComparer.OrdinalIgnoreCase))}|" +
               string.Join(";", u.Attributes.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase).Select(a => $"{a.Key}={string.Join(",", a.Value)}")) +
               // Only where roles are held, so that users of platforms without roles keep the fingerprints they had.
               (u.Roles.Count == 0 ? "" : "|roles=" + string.Join(",", u.Roles.Order(StringComparer.OrdinalIgnoreCase))))
        : Absent;

    /// <summary>Changes whenever the role gains or loses a holder.</summary>
    public string RoleFingerprint(string role) => Hash($"role|{role.ToLowerInvariant()}|{string.Join(",", HoldersOf(role).Order(StringComparer.OrdinalIgnoreCase))}");

    /// <summary>Changes whenever the group appears, disappears or gains or loses a member.</summary>
    public string GroupFingerprint(string name) => GroupsByName.TryGetValue(name, out var g)
        ? Hash($"{g.Id}|{string.Join(",", MembersOf(name).Order(StringComparer.OrdinalIgnoreCase))}")
        : Absent;

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
