using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Providers.AppXite;

/// <summary>
/// AppXite's users from any offset, read through numbered pages whatever the platform makes of the size asked: it may cap
/// its pages below it, ignore it, count no total, or miscount. Each user is read once, or the reading stops with an error
/// saying why the listing cannot be trusted; what is learnt of the platform's pages is kept for the connection.
/// </summary>
internal sealed class AppXiteUserPages(Func<int, int, CancellationToken, Task<(List<User> Users, int? Total)>> readPage, int largestPage, string route)
{
    /// <summary>
    /// The users from an offset, by page number, in pages no larger than the platform takes. An offset that is no multiple
    /// of the page (the platform sent fewer than asked, or a limit cut a page) is reached in smaller pages that divide it,
    /// so no user is skipped or read twice. A platform that sends more than asked keeps pages of its own size: from then
    /// on the page holding the offset is read, and the users before it in that page are passed over.
    /// </summary>
    public async Task<(List<User> Users, int? Total)> FromAsync(int offset, int size, CancellationToken cancellationToken)
    {
        var own = _ownPageSize;
        var step = own > 0 ? own : Math.Min(size, _cap > 0 ? Math.Min(_cap, largestPage) : largestPage);
        if (own == 0 && offset % step != 0) step = (int)System.Numerics.BigInteger.GreatestCommonDivisor(offset, step);
        var users = new List<User>();
        int? total = null;
        while (users.Count < size)
        {
            var position = offset + users.Count;
            var (page, all) = await readPage(position / step + 1, step, cancellationToken);
            if (page.Count > step)
            {
                // Its pages are its own size, whatever is asked: this page was another stretch of users than the one wanted.
                if (own > 0)
                    throw new ApiException("GET", route, null, $"the platform sent pages of {own} users and then of {page.Count}, so which users a page holds cannot be told");
                _ownPageSize = own = step = page.Count;
                continue;
            }
            if (own == 0 && page.Count > 0)
            {
                // More users after a short page: that page was as many as the platform sends, and later pages are asked at that size.
                if (_lastShortPage.End == position) _cap = _lastShortPage.Count;
                if (page.Count < step) _lastShortPage = (position + page.Count, page.Count);
            }
            if (page.Count == 0 && all is { } counted && position < counted) await RefuseHoleAsync(position / step + 1, step, counted, cancellationToken);
            users.AddRange(page.Skip(position % step).Take(size - users.Count));
            total = all;
            if (page.Count == 0 || page.Count < step && (all is not null || own > 0)) break;
            // No total to read to: a short page may be one the platform caps, so only an empty page ends the users.
            if (page.Count < step) step = (int)System.Numerics.BigInteger.GreatestCommonDivisor(offset + users.Count, page.Count);
        }
        return (users, total);
    }

    /// <summary>
    /// An empty page before the platform's own count is reached ends the users only if the page after it is empty too:
    /// a total larger than the users is common, but users after an empty page would be passed over without a word.
    /// </summary>
    private async Task RefuseHoleAsync(int empty, int size, int counted, CancellationToken cancellationToken)
    {
        if ((await readPage(empty + 1, size, cancellationToken)).Users.Count > 0)
            throw new ApiException("GET", route, null,
                $"page {empty} was empty, yet the platform counts {counted} users and page {empty + 1} holds more, so the listing cannot be trusted to be complete");
    }

    /// <summary>The size of the platform's pages once it has sent more users than asked (it ignores the size given); 0 until then.</summary>
    private int _ownPageSize;

    /// <summary>The most users the platform sends a page, once a page shorter than asked was followed by more users; 0 until then.</summary>
    private int _cap;

    /// <summary>Where the last page shorter than asked ended, and how many users it held.</summary>
    private (int End, int Count) _lastShortPage;
}
