using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Without PATCH a group's members are read and put back whole. A service may leave "members" out of a group it
/// answers unless asked for it by name (RFC 7644 §3.4.2.5 lets a schema return an attribute only on request, and
/// large groups are often served so): putting back what was read would then drop every member but the one added.
/// A "members" that is not a list cannot be put back either.
/// </summary>
public sealed class ScimMembersLeftOutTests
{
    private const string NoPatch = """{"patch":{"supported":false},"filter":{"supported":true}}""";

    [Fact]
    public async Task A_group_served_without_its_members_keeps_them_when_one_is_added()
    {
        var members = new JsonArray(new JsonObject { ["value"] = "1" }, new JsonObject { ["value"] = "2" });
        await using var server = await ScimServer.StartAsync(NoPatch, [ScimServer.User("3", "cal@example.com")], cap: 10, app =>
        {
            app.MapGet("/Groups/g1", (string? attributes) =>
            {
                var group = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["id"] = "g1", ["displayName"] = "Staff" };
                if (attributes?.Split(',').Contains("members") == true) group["members"] = members.DeepClone();
                return Results.Text(group.ToJsonString(), "application/scim+json");
            });
            app.MapPut("/Groups/g1", () => Results.Ok());
        });
        using var connection = await ScimServer.ConnectAsync(server);

        await connection.Client.AddUserToGroupsAsync("3", [new Group { Id = "g1", Name = "Staff" }], Hostile.Hostile.Patience());

        var put = JsonNode.Parse(Assert.Single(server.Seen, r => r.Method == "PUT").Body)!;
        Assert.Equal(["1", "2", "3"], put["members"]!.AsArray().Select(m => (string)m!["value"]!));
        Assert.Equal("Staff", (string?)put["displayName"]);
    }

    [Theory]
    [InlineData("""{"value":"1"}""")]
    [InlineData("\"1,2\"")]
    public async Task A_group_whose_members_are_not_a_list_is_not_put_back(string oddMembers)
    {
        await using var server = await ScimServer.StartAsync(NoPatch, [ScimServer.User("3", "cal@example.com")], cap: 10, app =>
        {
            app.MapGet("/Groups/g1", () => Results.Text($$"""{"id":"g1","displayName":"Staff","members":{{oddMembers}}}""", "application/scim+json"));
            app.MapPut("/Groups/g1", () => Results.Ok());
        });
        using var connection = await ScimServer.ConnectAsync(server);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            connection.Client.AddUserToGroupsAsync("3", [new Group { Id = "g1", Name = "Staff" }], Hostile.Hostile.Patience()));

        Assert.DoesNotContain(server.Seen, r => r.Method == "PUT");
    }
}
