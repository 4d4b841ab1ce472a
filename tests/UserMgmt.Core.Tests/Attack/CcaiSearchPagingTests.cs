using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// CCAI Platform filters users by address only, so a name search is filtered on each page read.
/// Get-User -Search must still find a match that sits beyond the first page.
/// </summary>
public sealed class CcaiSearchPagingTests
{
    private const int UserCount = 250;

    [Fact]
    public async Task A_name_search_finds_a_user_beyond_the_first_page()
    {
        await using var server = await UsersServer();
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync("smithson", null, found.Add, HostileClient.Patience());

        Assert.Equal("user200@example.com", Assert.Single(found).Email);
    }

    [Fact]
    public async Task A_limit_that_is_not_a_whole_number_of_pages_lists_each_user_once()
    {
        await using var server = await UsersServer();
        using var client = HostileClient.Client(server, "Ccai");
        var found = new List<User>();

        await new DirectoryQueries(client).ListUsersAsync(null, 130, found.Add, HostileClient.Patience());

        Assert.Equal(Enumerable.Range(0, 130).Select(i => $"user{i}@example.com"), found.Select(u => u.Email));
    }

    /// <summary>A CCAI users endpoint that pages as the platform does, by page number and page size.</summary>
    private static Task<HostileServer> UsersServer() =>
        HostileServer.StartAsync(app =>
            app.MapGet("/apps/api/v1/users", (int? page, int? per_page, HttpContext context) =>
            {
                int number = Math.Max(1, page ?? 1), size = Math.Clamp(per_page ?? 100, 1, 1000);
                var users = Enumerable.Range(0, UserCount).Skip((number - 1) * size).Take(size)
                    .Select(i => new { id = $"u{i}", email = $"user{i}@example.com", first_name = "User", last_name = i == 200 ? "Smithson" : $"Number{i}" });
                context.Response.Headers["Total"] = UserCount.ToString();
                return Results.Json(users);
            }));
}
