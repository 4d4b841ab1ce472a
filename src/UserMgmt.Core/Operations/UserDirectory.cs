using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// Finds users by email or id for one command. A few rows are looked up one by one; beyond that
/// the whole directory is read once, page by page, which costs far fewer calls.
/// </summary>
internal sealed class UserDirectory(IUserProvider provider)
{
    public const int PerRowLookupLimit = 10;
    private const int PageSize = 500;

    private readonly Dictionary<string, User> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, User> _byId = new(StringComparer.Ordinal);
    private bool _loadedAll;

    public async Task PrepareAsync(int lookupCount, CancellationToken cancellationToken)
    {
        if (lookupCount <= PerRowLookupLimit || _loadedAll) return;
        (await UserPaging.ReadAllAsync(provider, PageSize, cancellationToken)).ForEach(Remember);
        _loadedAll = true;
    }

    /// <summary>The user with this email address or id, or null when the platform has none.</summary>
    public async Task<User?> FindAsync(string emailOrId, CancellationToken cancellationToken)
    {
        if (InputText.LooksLikeEmail(emailOrId))
        {
            if (_byEmail.TryGetValue(emailOrId, out var known) || _loadedAll) return known;
            var match = await EmailLookup.FindAsync(provider, emailOrId, cancellationToken);
            if (match is not null) Remember(match);
            return match;
        }
        if (_byId.TryGetValue(emailOrId, out var byId)) return byId;
        var user = await provider.GetUserAsync(emailOrId, cancellationToken);
        if (user is not null) Remember(user);
        return user;
    }

    private void Remember(User user)
    {
        _byId[user.Id] = user;
        if (!string.IsNullOrEmpty(user.Email)) _byEmail[user.Email] = user;
    }
}
