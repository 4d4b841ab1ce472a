using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Support;

/// <summary>Fills a tenant through its own invitation call, as many addresses a call as the platform takes.</summary>
public static class Seeding
{
    public static async Task InviteAsync(this IUserProvider provider, IEnumerable<string> emails, IReadOnlyList<Group>? groups = null)
    {
        foreach (var chunk in emails.Chunk(provider.Capabilities.InvitationsPerCall))
            await provider.InviteUsersAsync(chunk, groups ?? [], false, default);
    }

    public static IEnumerable<string> Addresses(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => $"{prefix}{i}@company.com");
}
