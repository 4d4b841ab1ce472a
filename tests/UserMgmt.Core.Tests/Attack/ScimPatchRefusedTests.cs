using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A service that says it supports PATCH but answers 501 to it changed nothing: the change is made by reading the
/// resource and putting it back, and so is every later one on the connection, with nobody else's membership lost.
/// </summary>
public sealed class ScimPatchRefusedTests
{
    [Theory]
    [InlineData(StatusCodes.Status501NotImplemented)]
    [InlineData(StatusCodes.Status405MethodNotAllowed)]
    public async Task A_refused_PATCH_is_made_by_a_read_and_a_PUT_and_later_changes_go_that_way_at_once(int refusal)
    {
        string? lastPut = null;
        await using var server = await ScimServer.StartAsync("""{"patch":{"supported":true},"filter":{"supported":true}}""",
            [ScimServer.User("2", "ben@example.com"), ScimServer.User("3", "cy@example.com")], cap: 10, app =>
            {
                app.MapMethods("/Groups/g1", ["PATCH"], () => Results.Json(new { detail = "PATCH is not implemented" }, statusCode: refusal));
                app.MapGet("/Groups/g1", () => Results.Json(new { id = "g1", displayName = "Staff", members = new[] { new { value = "1" } } }));
                app.MapPut("/Groups/g1", async (HttpRequest request) =>
                {
                    lastPut = await new StreamReader(request.Body).ReadToEndAsync();
                    return Results.Json(new { id = "g1", displayName = "Staff" });
                });
            });
        using var connection = await ScimServer.ConnectAsync(server);
        var staff = new Group { Id = "g1", Name = "Staff" };

        await connection.Client.AddUserToGroupsAsync("2", [staff], Hostile.Hostile.Patience());
        var putAfterFirst = lastPut;
        await connection.Client.AddUserToGroupsAsync("3", [staff], Hostile.Hostile.Patience());

        Assert.Contains("\"1\"", putAfterFirst);
        Assert.Contains("\"2\"", putAfterFirst);
        Assert.Equal(1, server.Seen.Count(r => r.Method == "PATCH"));
        Assert.Equal(2, server.Seen.Count(r => r.Method == "PUT"));
    }
}
