using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// CCAI Platform's user list as a platform might page it without breaking the vendor's text: pages of its own size
/// whatever per_page asks for, users added while the list is read, an empty page. Get-User -First N must give exactly
/// the first N users, each once, and searches must see every page.
/// </summary>
public sealed class CcaiOddPagingTests
{
    private const int UserCount = 250;

    public static TheoryData<int?, int?> PageSizesAndLimits()
    {
        var data = new TheoryData<int?, int?>();
        // null: per_page obeyed; otherwise the platform's own page size: its documented default, or more than is asked for.
        foreach (var own in new int?[] { null, 100, 250 })
            foreach (var limit in new int?[] { 1, 99, 100, 101, 130, 250, 400, null })
                data.Add(own, limit);
        return data;
    }

    [Theory, MemberData(nameof(PageSizesAndLimits))]
    public async Task A_limit_gives_exactly_the_first_users_each_once(int? ownPageSize, int? limit)
    {
        await using var server = await UsersServer(ownPageSize);
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(null, limit, found.Add, HostileClient.Patience());

        Assert.Equal(Enumerable.Range(0, Math.Min(limit ?? UserCount, UserCount)).Select(Email), found.Select(u => u.Email));
    }

    [Theory]
    [InlineData(null, "smithson")]
    [InlineData(100, "smithson")]
    // Not a whole address: a part of one is searched for in every user's address, as a name is.
    [InlineData(100, "@elsewhere.example")]
    public async Task A_search_finds_the_one_match_on_a_late_page(int? ownPageSize, string search)
    {
        await using var server = await UsersServer(ownPageSize);
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(search, null, found.Add, HostileClient.Patience());

        Assert.Equal("smithson@elsewhere.example", Assert.Single(found).Email);
    }

    [Fact]
    public async Task A_user_added_at_the_front_while_the_list_is_read_shifts_no_one_out_or_in_twice()
    {
        var added = false;
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page, int? per_page) =>
        {
            int number = page ?? 1, size = per_page ?? 100;
            var all = Enumerable.Range(0, UserCount).Select(User).ToList();
            if (added) all.Insert(0, new { id = "new", email = "new@example.com", first_name = "New", last_name = "User" });
            added = true;
            return Results.Json(all.Skip((number - 1) * size).Take(size));
        }));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(null, null, found.Add, HostileClient.Patience());

        Assert.Equal(found.Count, found.Select(u => u.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, UserCount).Select(Email), found.Where(u => u.Id != "new").Select(u => u.Email));
    }

    // P3 gives no way to tell "no users on this page, more later" from the end: an empty page ends the list
    // for a listing and a search alike, and nothing after it is asked for.
    [Theory]
    [InlineData(null)]
    [InlineData("user")]
    public async Task An_empty_page_ends_the_list(string? search)
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page) =>
            Results.Json(page == 1 ? [] : Enumerable.Range(0, 10).Select(User).ToList())));
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(search, null, found.Add, HostileClient.Patience());

        Assert.Empty(found);
        Assert.Equal(1, server.Calls("/apps/api/v1/users"));
    }

    private static string Email(int i) => i == 200 ? "smithson@elsewhere.example" : $"user{i}@example.com";

    private static object User(int i) => new { id = $"u{i}", email = Email(i), first_name = "User", last_name = i == 200 ? "Smithson" : $"Number{i}" };

    /// <summary>Users by page number, in pages of per_page or, when it has one, the platform's own size; no Total header.</summary>
    private static Task<HostileServer> UsersServer(int? ownPageSize) =>
        HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (int? page, int? per_page, string? email) =>
        {
            if (email is not null) return Results.Json(Enumerable.Range(0, UserCount).Where(i => Email(i) == email).Select(User));
            int number = Math.Max(1, page ?? 1), size = ownPageSize ?? Math.Clamp(per_page ?? 100, 1, 1000);
            return Results.Json(Enumerable.Range(0, UserCount).Skip((number - 1) * size).Take(size).Select(User));
        }));
}
