using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// CCAI Platform's user list as a misbehaving platform answers it: a filter it does not understand, a page
/// size of its own other than the documented default, pages that repeat, a page too large. Nothing may loop,
/// list a user twice, or hand on users the search did not ask for.
/// </summary>
public sealed class CcaiMisbehavingListTests
{
    private const int UserCount = 250;

    // A7 is an assumption: were the parameter not `email`, the platform would answer its first page of every user.
    // Get-User -Search with an address feeds pipelines that change users, so only that address may come out.
    [Fact]
    public async Task A_whole_address_search_the_platform_does_not_filter_gives_that_user_alone()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page, int? per_page) =>
            Results.Json(Page(page ?? 1, Math.Clamp(per_page ?? 100, 1, 1000)))));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync("USER200@example.com", null, found.Add, HostileClient.Patience());

        Assert.Equal("user200@example.com", Assert.Single(found).Email);
    }

    [Fact]
    public async Task A_whole_address_the_platform_filters_costs_one_request()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (string? email) =>
            Results.Json(Enumerable.Range(0, UserCount).Where(i => Email(i) == email).Select(User))));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync("user200@example.com", null, found.Add, HostileClient.Patience());

        Assert.Equal("user200@example.com", Assert.Single(found).Email);
        Assert.Equal(1, server.Calls("/apps/api/v1/users"));
    }

    // A platform that keeps to a page size of its own between its default and the size asked for (250 of the
    // 500 a command's directory read asks for, 500 of a search's 1000) must not end the list after one page.
    [Theory]
    [InlineData(250, null)]
    [InlineData(500, null)]
    [InlineData(250, "user11")]
    [InlineData(500, "user9")]
    public async Task A_platform_page_size_between_the_default_and_the_one_asked_for_loses_no_one(int own, string? search)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page) =>
            Results.Json(Page(page ?? 1, own, users: 1200))));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        if (search is null)
        {
            // As a read of the whole directory does: 500 a page.
            var everyone = await UserPaging.ReadAllAsync(client, 500, HostileClient.Patience());
            Assert.Equal(Enumerable.Range(0, 1200).Select(Email), everyone.Select(u => u.Email));
            return;
        }
        await new DirectoryQueries(client).ListUsersAsync(search, null, found.Add, HostileClient.Patience());

        var expected = Enumerable.Range(0, 1200).Select(Email).Where(e => e.Contains(search));
        Assert.Equal(expected.Order(), found.Select(u => u.Email).Order());
    }

    // Pages 1 and 2 as they should be, then page 2 again for every later page number.
    [Theory]
    [InlineData(null, null)]
    [InlineData(null, 1000)]
    [InlineData("ann", null)]
    public async Task A_page_repeated_forever_stops_the_read_with_an_error_and_no_one_twice(string? search, int? limit)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page) =>
            Results.Json(Page(Math.Min(page ?? 1, 2), 100))));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() =>
            new DirectoryQueries(client).ListUsersAsync(search, limit, found.Add, HostileClient.Patience()));

        Assert.Contains("already read", error.Message);
        Assert.Equal(found.Count, found.Select(u => u.Id).Distinct().Count());
        Assert.True(server.Calls("/apps/api/v1/users") < 40);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ann")]
    public async Task A_page_of_1001_users_is_an_error_naming_the_page(string? search)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page) =>
            Results.Json(Page(page ?? 1, 1001, users: 3000))));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() =>
            new DirectoryQueries(client).ListUsersAsync(search, null, found.Add, HostileClient.Patience()));

        Assert.Contains("1001", error.Message);
        Assert.Empty(found);
    }

    // The Total header is no source's (A5): one that falls short of the users there must not end a listing silently after a
    // full page. The page past it is read, and users there are an error: reading on could follow a platform without end.
    [Theory]
    [InlineData(null, 100)]
    [InlineData(null, 200)]
    public async Task A_Total_header_falling_short_after_a_full_page_is_an_error_not_a_silent_end(string? search, int total)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page, int? per_page, HttpContext context) =>
        {
            context.Response.Headers["Total"] = total.ToString();
            return Results.Json(Page(page ?? 1, Math.Clamp(per_page ?? 100, 1, 1000)));
        }));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() =>
            new DirectoryQueries(client).ListUsersAsync(search, null, found.Add, HostileClient.Patience()));

        Assert.Contains($"reports {total} users, but page", error.Message);
        Assert.Equal(Enumerable.Range(0, total).Select(Email), found.Select(u => u.Email));
    }

    private static IEnumerable<object> Page(int number, int size, int users = UserCount) =>
        Enumerable.Range(0, users).Skip((number - 1) * size).Take(size).Select(User);

    private static string Email(int i) => $"user{i}@example.com";

    private static object User(int i) => new { id = $"u{i}", email = Email(i), first_name = "User", last_name = $"Number{i}" };
}
