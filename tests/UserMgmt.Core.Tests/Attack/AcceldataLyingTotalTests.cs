using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Acceldata's meta.total when it is wrong in a way it could be right: smaller than the users there, but never
/// smaller than those already read, or changing from page to page. A full page says more may follow.
/// </summary>
public sealed class AcceldataLyingTotalTests
{
    private const int UserCount = 250;

    // Users are asked for 100 at a time: a total reached at a full page is checked against the page past it, and users
    // there are an error naming the total, after every user before it was passed on; never a silent end.
    [Theory]
    [InlineData("100", "100", 100)]
    [InlineData("1000", "200", 200)]
    public async Task A_total_falling_short_after_a_full_page_is_an_error_not_a_silent_end(string firstTotal, string laterTotal, int read)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", (int first, int max) =>
            Results.Text($$"""{"meta": {"total": {{(first == 0 ? firstTotal : laterTotal)}}}, "users": [{{string.Join(",", Enumerable.Range(0, UserCount).Skip(first).Take(max)
                .Select(i => $$"""{"userId": "u{{i}}", "email": "u{{i}}@example.com"}"""))}}]}""", "application/json")));
        using var client = HostileClient.Client(server);
        var found = new List<User>();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => new DirectoryQueries(client).ListUsersAsync(null, null, found.Add, HostileClient.Patience()));

        Assert.Contains($"reports {read} users, but page", error.Message);
        Assert.Equal(Enumerable.Range(0, read).Select(i => $"u{i}@example.com"), found.Select(u => u.Email));
    }

    // Larger than the users there, or growing: the short page still ends the reading, and no one comes twice.
    [Theory]
    [InlineData("100000", "100000")]
    [InlineData("250", "900")]
    public async Task A_total_larger_than_the_users_there_ends_at_the_short_page(string firstTotal, string laterTotal)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", (int first, int max) =>
            Results.Text($$"""{"meta": {"total": {{(first == 0 ? firstTotal : laterTotal)}}}, "users": [{{string.Join(",", Enumerable.Range(0, UserCount).Skip(first).Take(max)
                .Select(i => $$"""{"userId": "u{{i}}", "email": "u{{i}}@example.com"}"""))}}]}""", "application/json")));
        using var client = HostileClient.Client(server);
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(null, null, found.Add, HostileClient.Patience());

        Assert.Equal(Enumerable.Range(0, UserCount).Select(i => $"u{i}@example.com"), found.Select(u => u.Email));
        Assert.Equal(3, server.Calls("/admin/api/users/list"));
    }
}
