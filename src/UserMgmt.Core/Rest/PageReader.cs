using System.Runtime.CompilerServices;

namespace UserMgmt.Rest;

/// <summary>Which page to read: its number (from 1), how many items come before it, and how many to ask for.</summary>
internal readonly record struct PageRequest(int Number, int Offset, int Size);

/// <summary>
/// A page as read: its items, and the total the platform reports where it reports one. Where that total is the
/// platform's own count of every item (<paramref name="ReadToTotal"/>), reading goes on past a short page until it is
/// reached: a platform that caps its page size sends short pages long before the last.
/// </summary>
internal readonly record struct PageRead<T>(IReadOnlyList<T> Items, int? Total, bool ReadToTotal = false);

/// <summary>
/// The one way pages are read, by offset or by page number alike: each page is checked by <see cref="PageGuard{T}"/>
/// and passed on without items already read, so no loop can forget a stop. Reading ends
/// <list type="bullet">
/// <item>at the limit;</item>
/// <item>at an empty page;</item>
/// <item>at a short page, unless the page reads to its total and may only be capped: then a page shorter than one
/// already read is the last (a total past the last item costs no extra call), and the first short page is read past;</item>
/// <item>at the reported total, once a page past it has come back empty. One that holds more is an error: the total fell
/// short, and reading on could follow a platform sending new items without end.</item>
/// </list>
/// </summary>
internal static class PageReader
{
    /// <remarks>Page numbers hold only while every page has the same size: readers that page by number pass no limit.</remarks>
    public static async IAsyncEnumerable<PageRead<T>> ReadAsync<T>(string what, Func<T, string> key, int pageSize, int? limit,
        Func<PageRequest, CancellationToken, Task<PageRead<T>>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var guard = new PageGuard<T>(what, key);
        var offset = 0;
        var largestPage = 0;
        int? reachedTotal = null;
        for (var number = 1; ; number++)
        {
            var size = limit is { } max ? Math.Min(pageSize, max - offset) : pageSize;
            if (size <= 0) yield break;
            var page = await read(new PageRequest(number, offset, size), cancellationToken);
            var items = guard.Check(page.Items);
            if (reachedTotal is { } total && items.Count > 0)
                throw new ApiException("GET", what, null,
                    $"the platform reports {total} {what}, but page {number} holds more after them, so the listing cannot be trusted to be complete");
            yield return page with { Items = items };
            offset += page.Items.Count;
            var count = page.Items.Count;
            if (count == 0 || reachedTotal is not null) yield break;
            var mayBeCapped = page.ReadToTotal && count >= largestPage && offset < page.Total;
            if (count < size && !mayBeCapped) yield break;
            largestPage = Math.Max(largestPage, count);
            // A full page that reaches the total is checked against the next, which must be empty.
            if (offset >= page.Total) reachedTotal = page.Total;
        }
    }
}
