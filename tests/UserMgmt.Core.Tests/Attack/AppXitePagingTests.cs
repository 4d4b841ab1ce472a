using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Operations;
using UserMgmt.Tests.AppXite;
using UserMgmt.Tests.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// AppXite pages by number. A platform that sends fewer users a page than asked, or counts more users than it has,
/// must still be read page after page, never asked for the first page again and then taken for one that ignores paging.
/// </summary>
public sealed class AppXitePagingTests
{
    [Fact]
    public async Task A_platform_that_caps_its_pages_below_the_size_asked_is_read_to_its_last_user()
    {
        await using var server = await UsersAsync(count: 120, cap: 50, total: 120);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var connecting = server.Seen.Count;

        var last = await connection.Client.GetUserAsync("u120", default);

        Assert.Equal("u120@partner.com", last?.Email);
        // Each page once, at the size the platform sends once it is known: never the first page again.
        Assert.Equal([1, 2, 3], server.Seen.Skip(connecting).Select(r => PageOf(r.Query)));
    }

    [Fact]
    public async Task A_total_bigger_than_the_users_ends_at_the_empty_page_after_them()
    {
        await using var server = await UsersAsync(count: 3, cap: 100, total: 1000);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var third = await connection.Client.GetUserAsync("u3", default);

        Assert.Equal("u3@partner.com", third?.Email);
    }

    [Fact]
    public async Task Every_user_of_a_platform_that_caps_its_pages_is_listed_and_found_for_several_rows()
    {
        await using var server = await UsersAsync(count: 120, cap: 50, total: 120);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var all = await UserPaging.ReadAllAsync(connection.Client, 100, default);
        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(
            [new InvitationRequest(1, null, "u120@partner.com", null, false), new InvitationRequest(2, null, "new@partner.com", null, false)], default);

        Assert.Equal(Enumerable.Range(1, 120).Select(n => $"u{n}"), all.Select(u => u.Id));
        Assert.Equal(["new@partner.com"], plan.Steps.Select(s => s.Target));
    }

    [Fact]
    public async Task The_first_users_up_to_a_limit_that_is_no_multiple_of_the_page_are_each_listed_once()
    {
        await using var server = await UsersAsync(count: 300, cap: 100, total: 300);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var users = new List<string>();
        await foreach (var page in UserPaging.ReadAsync(connection.Client, null, null, 100, 130, "users", default)) users.AddRange(page.Users.Select(u => u.Id));

        Assert.Equal(Enumerable.Range(1, 130).Select(n => $"u{n}"), users);
    }

    [Fact]
    public async Task A_platform_that_sends_larger_pages_than_asked_is_read_to_its_last_user_each_once()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/api/v2/users", (int page, int pageSize) =>
        {
            // Pages of 150, whatever is asked.
            var items = Enumerable.Range((page - 1) * 150 + 1, 150).Where(n => n <= 400).Select(n => new { id = $"u{n}", email = $"u{n}@partner.com" });
            return Results.Json(new { items, totalCount = 400 });
        }));
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var all = await UserPaging.ReadAllAsync(connection.Client, 100, default);
        var snapshot = await Plans.DirectorySnapshot.ReadAsync(connection.Client, default);
        var last = await connection.Client.GetUserAsync("u400", default);

        Assert.Equal(Enumerable.Range(1, 400).Select(n => $"u{n}"), all.Select(u => u.Id));
        Assert.Equal(400, snapshot.UsersByEmail.Count);
        Assert.Equal("u400@partner.com", last?.Email);
    }

    [Fact]
    public async Task A_platform_whose_pages_keep_growing_past_the_size_asked_is_an_error_not_a_loop()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/api/v2/users", (int page, int pageSize) =>
            Results.Json(new { items = Enumerable.Range(1, 100 + 50 * page).Select(n => new { id = $"p{page}u{n}", email = $"p{page}u{n}@partner.com" }), totalCount = 100000 })));
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var error = await Assert.ThrowsAsync<UserMgmt.Rest.ApiException>(() => UserPaging.ReadAllAsync(connection.Client, 100, default));

        Assert.Contains("pages of 150 users and then of 200", error.Message);
    }

    [Fact]
    public async Task A_platform_that_caps_its_pages_and_counts_no_total_is_read_to_its_last_user()
    {
        await using var server = await UsersAsync(count: 120, cap: 50, total: null);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var all = await UserPaging.ReadAllAsync(connection.Client, 100, default);
        var last = await connection.Client.GetUserAsync("u120", default);

        Assert.Equal(Enumerable.Range(1, 120).Select(n => $"u{n}"), all.Select(u => u.Id));
        Assert.Equal("u120@partner.com", last?.Email);
    }

    [Fact]
    public async Task An_empty_page_before_the_total_with_users_after_it_is_an_error_not_the_end()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/api/v2/users", (int page, int pageSize) =>
        {
            // Page 2 comes back empty; pages 3 and 4 still hold users.
            var items = Enumerable.Range((page - 1) * pageSize + 1, pageSize).Where(n => n <= 300 && page != 2).Select(n => new { id = $"u{n}", email = $"u{n}@partner.com" });
            return Results.Json(new { items, totalCount = 300 });
        }));
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var error = await Assert.ThrowsAsync<UserMgmt.Rest.ApiException>(() => UserPaging.ReadAllAsync(connection.Client, 100, default));

        Assert.Contains("page 2 was empty", error.Message);
    }

    private static int PageOf(string query) =>
        int.Parse(query.TrimStart('?').Split('&').Single(p => p.StartsWith("page=", StringComparison.Ordinal))["page=".Length..]);

    /// <summary>Users u1..u<paramref name="count"/>, at most <paramref name="cap"/> a page whatever is asked, under a total that may lie.</summary>
    private static Task<HostileServer> UsersAsync(int count, int cap, int? total) => HostileServer.StartAsync(app =>
        app.MapGet("/api/v2/users", (int page, int pageSize) =>
        {
            var size = Math.Min(cap, pageSize);
            var items = Enumerable.Range((page - 1) * size + 1, size).Where(n => n <= count)
                .Select(n => new { id = $"u{n}", email = $"u{n}@partner.com" });
            return total is null ? Results.Json(new { items }) : Results.Json(new { items, totalCount = total });
        }));
}
