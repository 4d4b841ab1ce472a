using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Tests.Scim;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A group's members are read by asking for their ids in filters. A service keeps each answer within its largest
/// page, so a filter naming more ids than that page holds must not lose the rest: the listing would say a member is
/// not one.
/// </summary>
public sealed class ScimCappedMemberListTests
{
    [Fact]
    public async Task Every_member_is_listed_when_the_service_pages_smaller_than_a_filter_asks()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { MaxResults = 3 });
        using var connection = await ScimTenants.ConnectAsync(peer);
        var group = (await connection.Client.ListGroupsAsync(default)).MaxBy(g => g.MemberCount)!;
        Assert.True(group.MemberCount > 3, "The seed needs a group larger than a page.");

        var members = await connection.Client.ListGroupMembersAsync(group, default);

        Assert.Equal(await peer.MembersOfAsync(group.Name!), members.Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Every_member_is_listed_when_the_service_pages_smaller_than_it_says()
    {
        var users = Enumerable.Range(1, 5).Select(i => ScimServer.User($"{i}", $"user{i}@example.com")).ToList();
        var group = new { id = "g1", displayName = "Everyone", members = Enumerable.Range(1, 5).Select(i => new { value = $"{i}" }) };
        await using var server = await ScimServer.StartAsync("""{"filter":{"supported":true}}""", users, cap: 2,
            app => app.MapGet("/Groups/g1", () => Results.Json(group)));
        using var connection = await ScimServer.ConnectAsync(server);

        var members = await connection.Client.ListGroupMembersAsync(new Group { Id = "g1", Name = "Everyone" }, Hostile.Hostile.Patience());

        Assert.Equal(["1", "2", "3", "4", "5"], members.Select(m => m.Id).Order());
    }
}
