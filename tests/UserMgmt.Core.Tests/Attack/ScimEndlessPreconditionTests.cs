using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A service versioning resources that answers 412 to every PUT, however fresh the version: the change is read and
/// tried again once, then fails, instead of reading and writing for ever.
/// </summary>
public sealed class ScimEndlessPreconditionTests
{
    [Fact]
    public async Task A_put_refused_with_412_every_time_is_tried_twice_then_fails()
    {
        var group = new { id = "g1", displayName = "Staff", members = new[] { new { value = "1" } }, meta = new { version = "W/\"1\"" } };
        await using var server = await ScimServer.StartAsync("""{"etag":{"supported":true},"filter":{"supported":true}}""", [ScimServer.User("2", "ben@example.com")], cap: 10, app =>
        {
            app.MapGet("/Groups/g1", () => Results.Json(group));
            app.MapPut("/Groups/g1", () => Results.Json(new { detail = "version mismatch" }, statusCode: 412));
        });
        using var connection = await ScimServer.ConnectAsync(server);

        var failure = await Assert.ThrowsAnyAsync<ApiException>(() =>
            connection.Client.AddUserToGroupsAsync("2", [new Group { Id = "g1", Name = "Staff" }], Hostile.Hostile.Patience()));

        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, failure.StatusCode);
        Assert.Equal(2, server.Seen.Count(r => r.Method == "PUT"));
        Assert.All(server.Seen.Where(r => r.Method == "PUT"), r => Assert.Equal("W/\"1\"", r.Headers["If-Match"]));
    }
}
