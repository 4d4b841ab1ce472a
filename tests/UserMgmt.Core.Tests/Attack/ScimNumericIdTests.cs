using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// RFC 7643 makes ids and member values strings, and some services send them as numbers. They are read as the text
/// they are written as, as a read-and-replace already does: a number is not a reason to call the answer unreadable.
/// </summary>
public sealed class ScimNumericIdTests
{
    private static readonly object[] Users =
    [
        new { id = 101, userName = "ann@example.com", emails = new[] { new { value = "ann@example.com", primary = true } }, groups = new[] { new { value = 9, display = "Staff" } } },
        new { id = 102, userName = "ben@example.com", emails = new[] { new { value = "ben@example.com", primary = true } }, groups = new[] { new { value = 9, display = "Staff" } } },
    ];

    private static readonly object Group = new { id = 9, displayName = "Staff", members = new[] { new { value = 101 }, new { value = 102 } } };

    [Fact]
    public async Task Users_groups_and_members_with_numeric_ids_are_read_as_their_text()
    {
        await using var server = await ScimServer.StartAsync("""{"filter":{"supported":false}}""", [], cap: 10, app =>
        {
            app.MapGet("/Groups", () => Results.Json(new { totalResults = 1, Resources = new[] { Group } }));
            app.MapGet("/Groups/9", () => Results.Json(Group));
            app.MapGet("/Users/101", () => Results.Json(Users[0]));
            app.MapGet("/Users/102", () => Results.Json(Users[1]));
        });
        using var connection = await ScimServer.ConnectAsync(server);
        var ct = Hostile.Hostile.Patience();

        var group = Assert.Single(await connection.Client.ListGroupsAsync(ct));
        var members = await connection.Client.ListGroupMembersAsync(group, ct);

        Assert.Equal(("9", "Staff", 2), (group.Id, group.Name, group.MemberCount));
        Assert.Equal(["101", "102"], members.Select(m => m.Id));
        Assert.All(members, m => Assert.Equal(["Staff"], m.Groups));
    }
}
