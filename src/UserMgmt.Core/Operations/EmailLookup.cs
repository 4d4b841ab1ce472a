using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Finds the one user with an address, however many others contain it: a search for "ed@company.com"
/// also brings "fred@company.com" and "ned@company.com", so the answer is read page by page until the
/// address itself turns up or the platform has no more.
/// </summary>
internal static class EmailLookup
{
    private const int PageSize = 100;

    public static async Task<User?> FindAsync(IUserProvider provider, string email, CancellationToken cancellationToken)
    {
        var pages = new PageGuard<User>($"users matching '{email}'", u => u.Id);
        for (var offset = 0; ; )
        {
            var page = await provider.ListUsersAsync(email, offset, PageSize, cancellationToken);
            var match = page.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
            offset += page.Users.Count;
            if (page.Users.Count < PageSize || offset >= page.Total) return null;
            // A platform that ignores the offset would otherwise serve the same page for ever.
            pages.Check(page.Users);
        }
    }
}
