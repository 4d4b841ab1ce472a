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
/// The one way pages are read, by offset or by page number alike: each page is checked by
/// <see cref="PageGuard{T}"/> and passed on without items already read, and reading ends at a short page (or, where the
/// page reads to its total, an empty one), at the reported total or at the limit, so no loop can forget one of them.
/// </summary>
internal static class PageReader
{
    /// <remarks>Page numbers hold only while every page has the same size: readers that page by number pass no limit.</remarks>
    public static async IAsyncEnumerable<PageRead<T>> ReadAsync<T>(string what, Func<T, string> key, int pageSize, int? limit,
        Func<PageRequest, CancellationToken, Task<PageRead<T>>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var guard = new PageGuard<T>(what, key);
        var offset = 0;
        for (var number = 1; ; number++)
        {
            var size = limit is { } max ? Math.Min(pageSize, max - offset) : pageSize;
            if (size <= 0) yield break;
            var page = await read(new PageRequest(number, offset, size), cancellationToken);
            yield return page with { Items = guard.Check(page.Items) };
            offset += page.Items.Count;
            if (offset >= page.Total) yield break;
            // An empty page short of the total would leave the rest unread without a word: that is an error, never an end.
            if (page.ReadToTotal && page.Items.Count == 0)
                throw new ApiException("GET", what, null,
                    $"page {number} held no {what} after {offset} of the {page.Total} the platform reports, so the rest cannot be read");
            if (!page.ReadToTotal && page.Items.Count < size) yield break;
        }
    }
}
