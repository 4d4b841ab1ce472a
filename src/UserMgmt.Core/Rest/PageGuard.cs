namespace UserMgmt.Rest;

/// <summary>
/// Ends a paging loop whose platform ignores the offset and sends the same page again and again:
/// a page that holds items, none of them new, stops the loop with an error instead of reading forever.
/// Every loop that reads page after page checks each page here.
/// </summary>
internal sealed class PageGuard<T>(string what, Func<T, string> key)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _pages;

    /// <summary>The page's items not read before: a platform whose order shifts between pages would otherwise list someone twice.</summary>
    public List<T> Check(IReadOnlyList<T> page)
    {
        _pages++;
        var fresh = page.Where(item => _seen.Add(key(item))).ToList();
        if (page.Count > 0 && fresh.Count == 0)
            throw new ApiException("GET", what, null,
                $"page {_pages} held only items already read; the platform seems to ignore paging, so reading {what} stopped after {_seen.Count}");
        return fresh;
    }
}
