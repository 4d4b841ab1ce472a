using System.Collections.Concurrent;
using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// Finds users by email or id for one command, at a cost that follows the rows rather than the platform: the users
/// the rows name are looked up each by itself, several at once, and every page is read only where the platform's
/// own count says that takes fewer calls. The first page is read at most once per command, however many windows its
/// input comes in, and not at all where the count taken at connect says the directory spans more pages than there are
/// names to look up; what it learns of addresses that are no user's is kept for one window only, so memory follows the window.
/// </summary>
internal sealed class UserDirectory(IUserProvider provider, int? countedUsers = null)
{
    // Pages as large as the platform allows: a full read takes the fewest calls, and the first page answers the most names.
    private readonly int _pageSize = provider.Capabilities.LargestPage;
    // Lookups (or pages) in flight at once; a platform's own rate limit still applies to each.
    internal const int ConcurrentLookups = 8;

    private readonly ConcurrentDictionary<string, User> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, User> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _absentEmails = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _absentIds = new(StringComparer.Ordinal);
    private bool _loadedAll;
    private UserPage? _firstPage;

    /// <summary>
    /// Finds the users the rows name before they are planned. The first page is read (it answers the names on it and,
    /// where the platform counts, says how many pages the rest would take); the remaining names are then looked up
    /// concurrently, unless reading the remaining pages costs fewer calls than they would.
    /// </summary>
    public async Task PrepareAsync(IEnumerable<string?> emailsOrIds, CancellationToken cancellationToken)
    {
        if (_loadedAll) return;
        var wanted = Unknown(emailsOrIds);
        // One name costs one lookup; reading a page first could only add to that.
        if (wanted.Count < 2) return;
        if (!provider.Capabilities.SearchesUsers)
        {
            // Each lookup would read every page: reading them once answers every name.
            await foreach (var page in Pages(cancellationToken)) Remember(page.Users);
            _loadedAll = true;
            return;
        }

        if (_firstPage is null && LookupsCheaperThanPages(wanted.Count))
        {
            await LookUpAsync(wanted, cancellationToken);
            return;
        }
        if (_firstPage is null)
        {
            await using var pages = Pages(cancellationToken).GetAsyncEnumerator(cancellationToken);
            if (!await pages.MoveNextAsync()) { _loadedAll = true; return; }
            var first = _firstPage = pages.Current;
            Remember(first.Users);
            if (first.ReadToTotal ? first.Users.Count >= first.Total : first.Users.Count < _pageSize) { _loadedAll = true; return; }
            wanted = Unknown(wanted);
        }
        if (CheaperToReadAll(wanted.Count))
        {
            await ReadTheRestAsync(cancellationToken);
            _loadedAll = true;
            return;
        }
        await LookUpAsync(wanted, cancellationToken);
    }

    private Task LookUpAsync(List<string> wanted, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentLookups, CancellationToken = cancellationToken },
            async (key, ct) => await FindAsync(key, ct));

    /// <summary>
    /// Whether the count taken when the connection opened says the directory spans at least as many pages as there
    /// are names to look up: the first page, which mostly holds other users then, is not read at all.
    /// </summary>
    private bool LookupsCheaperThanPages(int lookups) =>
        countedUsers is { } counted && Math.Ceiling(Math.Max(counted, 1) / (double)_pageSize) >= lookups;

    /// <summary>Forgets the addresses and ids found to be no user's: the next window asks again, so they never pile up.</summary>
    public void EndWindow()
    {
        _absentEmails.Clear();
        _absentIds.Clear();
    }

    /// <summary>
    /// Every page past the first, several at once: the platform's count says how many there are, and the first page
    /// came full. Where the answers do not add up to that count (a tenant keeping to smaller pages, users added or
    /// removed meanwhile, a platform ignoring the offset), every page is read again one after another, with the
    /// guards of a paging loop.
    /// </summary>
    private async Task ReadTheRestAsync(CancellationToken cancellationToken)
    {
        var first = _firstPage!;
        if (first.Users.Count == _pageSize)
        {
            var pages = new IReadOnlyList<User>[(int)PagesLeft(first)];
            await Parallel.ForEachAsync(Enumerable.Range(0, pages.Length),
                new ParallelOptions { MaxDegreeOfParallelism = ConcurrentLookups, CancellationToken = cancellationToken },
                async (i, ct) => pages[i] = (await provider.ListUsersAsync(null, null, (i + 1) * _pageSize, _pageSize, ct)).Users);
            var read = first.Users.Concat(pages.SelectMany(p => p)).ToList();
            if (pages.SkipLast(1).All(p => p.Count == _pageSize) && read.Select(u => u.Id).Distinct().Count() == first.Total)
            {
                Remember(read);
                return;
            }
        }
        await foreach (var page in Pages(cancellationToken)) Remember(page.Users);
    }

    private IAsyncEnumerable<UserPage> Pages(CancellationToken cancellationToken) =>
        UserPaging.ReadAsync(provider, null, null, _pageSize, null, "users", cancellationToken);

    /// <summary>The user with this email address or id, or null when the platform has none.</summary>
    public async Task<User?> FindAsync(string emailOrId, CancellationToken cancellationToken)
    {
        if (InputText.LooksLikeEmail(emailOrId))
        {
            if (_byEmail.TryGetValue(emailOrId, out var known) || _loadedAll || _absentEmails.ContainsKey(emailOrId)) return known;
            var match = await EmailLookup.FindAsync(provider, emailOrId, cancellationToken);
            if (match is null) _absentEmails.TryAdd(emailOrId, 0);
            else Remember(match);
            return match;
        }
        if (_byId.TryGetValue(emailOrId, out var byId)) return byId;
        if (_absentIds.ContainsKey(emailOrId)) return null;
        // Ids are asked for even after every page was read: a platform may take an id its listing spells otherwise.
        var user = await provider.GetUserAsync(emailOrId, cancellationToken);
        if (user is null) _absentIds.TryAdd(emailOrId, 0);
        else Remember(user);
        return user;
    }

    private List<string> Unknown(IEnumerable<string?> emailsOrIds) =>
        emailsOrIds.Select(k => k?.Trim()).OfType<string>().Where(k => k.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).Where(k => !IsKnown(k)).ToList();

    private bool IsKnown(string key) => InputText.LooksLikeEmail(key)
        ? _byEmail.ContainsKey(key) || _absentEmails.ContainsKey(key)
        : _byId.ContainsKey(key) || _absentIds.ContainsKey(key);

    /// <summary>Whether the pages past the first cost fewer calls than looking up this many names: only the platform's own count says.</summary>
    private bool CheaperToReadAll(int lookups) => _firstPage is { ReadToTotal: true } first && PagesLeft(first) < lookups;

    private double PagesLeft(UserPage first) => Math.Ceiling((first.Total - first.Users.Count) / (double)_pageSize);

    private void Remember(IEnumerable<User> users)
    {
        foreach (var user in users) Remember(user);
    }

    private void Remember(User user)
    {
        _byId[user.Id] = user;
        if (!string.IsNullOrEmpty(user.Email)) _byEmail[user.Email] = user;
    }
}
