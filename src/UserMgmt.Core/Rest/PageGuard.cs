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

    public void Check(IEnumerable<T> page)
    {
        _pages++;
        var any = false;
        var anyNew = false;
        foreach (var item in page)
        {
            any = true;
            anyNew |= _seen.Add(key(item));
        }
        if (any && !anyNew)
            throw new ApiException("GET", what, null,
                $"page {_pages} held only items already read; the platform seems to ignore paging, so reading {what} stopped after {_seen.Count}");
    }
}
