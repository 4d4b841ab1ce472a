using System.Net;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// A tenant that answers fewer items than asked for (page-size-capped) while its meta.total counts every one:
/// the client reads on to the total, so no user, group or member goes missing without a word.
/// </summary>
public sealed class AcceldataCappedPageTests : SandboxTest
{
    private int Count(string table) => Sandbox.Query($"SELECT COUNT(*) FROM {table}", r => r.GetInt32(0)).Single();

    [Fact]
    public async Task Every_user_of_250_is_listed_when_pages_are_capped()
    {
        Sandbox.AddUsers(250);
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, nameof(SandboxVariant.PageSizeCapped));
        var listed = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync(null, null, listed.Add, default);

        Assert.True(Count("users") > 250);
        Assert.Equal(Count("users"), listed.Select(u => u.Id).Distinct().Count());
        Assert.Equal(listed.Count, listed.Select(u => u.Id).Distinct().Count());
    }

    [Fact]
    public async Task Every_group_of_more_than_200_is_listed_when_pages_are_capped()
    {
        Sandbox.AddGroups(210);
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, nameof(SandboxVariant.PageSizeCapped));

        var groups = await connection.Client.ListGroupsAsync(default);

        Assert.True(Count("groups") > 210);
        Assert.Equal(Count("groups"), groups.Select(g => g.Id).Distinct().Count());
    }

    [Fact]
    public async Task Every_member_is_listed_when_a_list_by_ids_is_capped()
    {
        Sandbox.AddUsers(45);
        Sandbox.PutAddedUsersIn("Analytics");
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, nameof(SandboxVariant.PageSizeCapped));
        var analytics = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Analytics");

        var members = await connection.Client.ListGroupMembersAsync(analytics, default);

        Assert.True(Sandbox.MembersOf("Analytics").Count > 45);
        Assert.Equal(Sandbox.MembersOf("Analytics"), new SortedSet<string>(members.Select(m => m.Email), StringComparer.OrdinalIgnoreCase));
        Assert.Equal(members.Count, members.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_empty_page_before_the_reported_total_ends_the_listing_as_a_total_counting_more_than_is_listed_would()
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, "strict");
        Sandbox.AnswerNextWith(HttpStatusCode.OK, "application/json", """{"groups": [], "meta": {"page": 0, "size": 200, "total": 7}}""");

        // Had the reading gone on, the sandbox's own groups would follow.
        var groups = await connection.Client.ListGroupsAsync(default);

        Assert.Empty(groups);
    }
}
