using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Hostile;

/// <summary>An id that would change the address a request goes to ("..", ".", "") is refused before anything is sent.</summary>
public sealed class PathSegmentTests
{
    private static readonly string[] Unusable = ["..", ".", "", " "];

    public static TheoryData<string> UnusableIds => new(Unusable);

    /// <summary>Every provider call that puts an id in the address.</summary>
    public static TheoryData<string> Calls => new(["SetEnabled", "SetAttributes", "AddToGroups", "RemoveFromGroups", "DeleteGroup"]);

    [Theory]
    [MemberData(nameof(UnusableIds))]
    public void Unusable_ids_are_refused_by_name(string id)
    {
        var error = Assert.Throws<UnusableIdException>(() => PathSegment.Of(id));

        Assert.Contains($"'{id}'", error.Message);
    }

    [Theory]
    [InlineData("user-1", "user-1")]
    [InlineData("../groups", "..%2Fgroups")]
    [InlineData("a b?c#d", "a%20b%3Fc%23d")]
    [InlineData("...", "...")]
    [InlineData("%2e%2e", "%252e%252e")]
    public void Other_ids_become_one_escaped_segment(string id, string segment)
    {
        Assert.Equal(segment, PathSegment.Of(id));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_change_to_an_unusable_id_fails_and_sends_nothing(string call)
    {
        await using var server = await HostileServer.StartAsync(_ => { });
        using var client = Hostile.Client(server);

        foreach (var id in Unusable)
            await Assert.ThrowsAsync<UnusableIdException>(() => Call(client, call, id));

        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task No_user_has_an_unusable_id_and_none_is_asked_for()
    {
        await using var server = await HostileServer.StartAsync(_ => { });
        using var client = Hostile.Client(server);

        foreach (var id in Unusable)
            Assert.Null(await client.GetUserAsync(id, Hostile.Patience()));

        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task An_id_with_a_slash_stays_inside_its_own_endpoint()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapPut("/admin/api/users/{id}", () => Results.Json(new { message = "ok", status = true })));
        using var client = Hostile.Client(server);

        await client.SetEnabledAsync("../groups", false, Hostile.Patience());

        Assert.Equal("/admin/api/users/..%2Fgroups", Assert.Single(server.Seen).Path);
    }

    private static Task Call(IUserProvider client, string call, string id)
    {
        var group = new Group { Id = "g-1", Name = "Group" };
        var token = Hostile.Patience();
        return call switch
        {
            "SetEnabled" => client.SetEnabledAsync(id, false, token),
            "SetAttributes" => client.SetAttributesAsync(id, new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"] }, token),
            "AddToGroups" => client.AddUserToGroupsAsync(id, [group], token),
            "RemoveFromGroups" => client.RemoveUserFromGroupsAsync(id, [group], token),
            "DeleteGroup" => client.DeleteGroupAsync(id, token),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };
    }
}
