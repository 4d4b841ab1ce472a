using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Plans;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Hostile;

/// <summary>A platform that ignores the offset sends the same page forever: every paging loop must stop, clearly.</summary>
public sealed class EndlessPagingTests
{
    // The server gives up after this many calls, so a client that never stops fails instead of filling memory.
    private const int Patience = 50;

    [Fact]
    public async Task Groups_stop_when_a_page_brings_nothing_new()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        AssertStoppedClearly(error, "groups");
    }

    [Fact]
    public async Task Reading_every_user_stops_too()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() =>
            UserPaging.ReadAllAsync(client, 500, Hostile.Patience()));

        AssertStoppedClearly(error, "users");
    }

    [Fact]
    public async Task Finding_a_user_by_address_stops_too()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => new UserDirectory(client).FindAsync("nobody@example.com", Hostile.Patience()));

        AssertStoppedClearly(error, "users matching 'nobody@example.com'");
    }

    [Fact]
    public async Task Listing_users_stops_without_emitting_the_repeats()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server);
        var emitted = 0;

        var error = await Assert.ThrowsAnyAsync<ApiException>(() =>
            new DirectoryQueries(client).ListUsersAsync(null, null, _ => emitted++, Hostile.Patience()));

        AssertStoppedClearly(error, "users");
        Assert.Equal(DirectoryQueries.DefaultPageSize, emitted);
    }

    [Fact]
    public async Task Reading_the_directory_for_a_reorganisation_plan_stops_too()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => DirectorySnapshot.ReadAsync(client, Hostile.Patience()));

        AssertStoppedClearly(error, "");
    }

    [Fact]
    public async Task Looking_for_a_CCAI_user_by_id_stops_too()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server, "Ccai");

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetUserAsync("nobody", Hostile.Patience()));

        AssertStoppedClearly(error, "users");
        // The lookup by id, answered with others (the parameter ignored), then two pages of every user.
        Assert.Equal(3, server.Calls("/apps/api/v1/users"));
    }

    [Fact]
    public async Task Searching_CCAI_users_by_name_stops_too()
    {
        await using var server = await SamePageServer();
        using var client = Hostile.Client(server, "Ccai");

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListUsersAsync("Lovelace", 0, 100, Hostile.Patience()));

        AssertStoppedClearly(error, "users");
        Assert.Equal(2, server.Calls("/apps/api/v1/users"));
    }

    [Fact]
    public async Task Paging_by_number_stops_past_the_reported_total_with_an_error_when_every_page_is_full_and_new()
    {
        // Full pages of new users for any page number: only the Total header says where the users end.
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/users", (HttpContext context, int? page, int? per_page) =>
        {
            context.Response.Headers["Total"] = "2500";
            return Results.Json(Enumerable.Range(0, per_page ?? 100).Select(i => new { id = $"u-{page}-{i}", email = $"u{page}.{i}@example.com", last_name = "X" }));
        }));
        using var client = Hostile.Client(server, "Ccai");

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetUserAsync("nobody", Hostile.Patience()));

        Assert.Contains("reports 2500 users, but page 4 holds more", error.Message);
        // The lookup by id, answered with others (the parameter ignored), every page up to the total, and one past it.
        Assert.Equal(5, server.Calls("/apps/api/v1/users"));
    }

    private static void AssertStoppedClearly(ApiException error, string what)
    {
        Assert.Contains("only items already read", error.Message);
        Assert.Contains(what, error.Message);
    }

    /// <summary>Full pages, always the same whatever offset or page is asked for, and a total that never ends.</summary>
    private static Task<HostileServer> SamePageServer()
    {
        var calls = 0;
        IResult Answer(Func<IResult> page) =>
            Interlocked.Increment(ref calls) > Patience ? Results.Json(new { message = "the client never stopped asking" }, statusCode: 400) : page();

        return HostileServer.StartAsync(app =>
        {
            app.MapGet("/admin/api/groups", (int last) => Answer(() => Results.Json(new
            {
                groups = Enumerable.Range(0, last).Select(i => new { id = $"g-{i}", name = $"Group {i}" }),
                meta = new { total = 1_000_000 },
            })));
            app.MapGet("/admin/api/users/list", (int max) => Answer(() => Results.Json(new
            {
                users = Enumerable.Range(0, max).Select(i => new { userId = $"u-{i}", email = $"u{i}@example.com" }),
                meta = new { total = 1_000_000 },
            })));
            app.MapGet("/apps/api/v1/users", (HttpContext context, int? per_page) =>
            {
                context.Response.Headers["Total"] = "1000000";
                return Answer(() => Results.Json(Enumerable.Range(0, per_page ?? 100).Select(i => new { id = $"u-{i}", email = $"u{i}@example.com", last_name = "X" })));
            });
        });
    }
}
