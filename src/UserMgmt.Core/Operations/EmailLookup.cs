using UserMgmt.Model;
using UserMgmt.Providers;

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
        await foreach (var page in UserPaging.ReadAsync(provider, email, null, PageSize, null, $"users matching '{email}'", cancellationToken))
            if (page.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)) is { } match) return match;
        return null;
    }
}
