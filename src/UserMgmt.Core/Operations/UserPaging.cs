using System.Runtime.CompilerServices;
using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>Reads a platform's users page after page through <see cref="PageReader"/>, as every engine loop over users does.</summary>
internal static class UserPaging
{
    public static async IAsyncEnumerable<UserPage> ReadAsync(IUserProvider provider, string? search, bool? enabled, int pageSize,
        int? limit, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PageReader.ReadAsync(what, u => u.Id, pageSize, limit, async (p, ct) =>
        {
            var users = await provider.ListUsersAsync(search, enabled, p.Offset, p.Size, ct);
            return new PageRead<User>(users.Users, users.Total, users.ReadToTotal);
        }, cancellationToken))
            yield return new UserPage(page.Items, page.Total ?? page.Items.Count) { ReadToTotal = page.ReadToTotal };
    }

    /// <summary>Every user the platform has, for callers that need them all at once.</summary>
    public static async Task<List<User>> ReadAllAsync(IUserProvider provider, int pageSize, CancellationToken cancellationToken)
    {
        var users = new List<User>();
        await foreach (var page in ReadAsync(provider, null, null, pageSize, null, "users", cancellationToken)) users.AddRange(page.Users);
        return users;
    }
}
