using System.Runtime.CompilerServices;
using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Reads a platform's users page after page, the one way every reader does: each page is checked
/// for a platform that ignores the offset, and reading ends at a short page, at the reported total
/// or at the limit, so no caller can forget one of the three.
/// </summary>
internal static class UserPaging
{
    public static async IAsyncEnumerable<UserPage> ReadAsync(IUserProvider provider, string? search, bool? enabled, int pageSize,
        int? limit, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = new PageGuard<User>(what, u => u.Id);
        for (var offset = 0; ; )
        {
            var size = limit is { } max ? Math.Min(pageSize, max - offset) : pageSize;
            if (size <= 0) yield break;
            var page = await provider.ListUsersAsync(search, enabled, offset, size, cancellationToken);
            pages.Check(page.Users);
            yield return page;
            offset += page.Users.Count;
            if (page.Users.Count < size || offset >= page.Total) yield break;
        }
    }

    /// <summary>Every user the platform has, for callers that need them all at once.</summary>
    public static async Task<List<User>> ReadAllAsync(IUserProvider provider, int pageSize, CancellationToken cancellationToken)
    {
        var users = new List<User>();
        await foreach (var page in ReadAsync(provider, null, null, pageSize, null, "users", cancellationToken)) users.AddRange(page.Users);
        return users;
    }
}
