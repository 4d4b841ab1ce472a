using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// A command's directory read fetches the pages past the first several at once, trusting the platform's count: answers
/// that do not add up to it send the read back to one page after another, with every guard of a paging loop.
/// </summary>
public sealed class ConcurrentPagesTests
{
    [Fact]
    public async Task A_platform_ignoring_the_offset_under_a_plausible_total_is_caught_not_read_as_its_first_page_thrice()
    {
        var calls = 0;
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/users/list", (int max) =>
            Interlocked.Increment(ref calls) > 50
                ? Results.Json(new { message = "the client never stopped asking" }, statusCode: 400)
                : Results.Json(new
                {
                    users = Enumerable.Range(0, max).Select(i => new { userId = $"u-{i}", email = $"u{i}@example.com" }),
                    meta = new { total = 3_000 },
                })));
        using var client = Hostile.Client(server);
        var named = Enumerable.Range(2_000, 10).Select(i => new AttributeRequest(i, null, $"u{i}@example.com",
            new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["X"] })).ToList();

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => new CommandPlanner(client).PlanAttributesAsync(named, Hostile.Patience()));

        Assert.Contains("only items already read", error.Message);
    }
}
