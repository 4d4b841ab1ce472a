using UserMgmt.Operations;
using UserMgmt.Tests.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A SCIM service without filters answers every user, and the provider keeps those a search matches. The service's
/// pages are counted in its own users, not in the matches: a page with no match is not the end of the listing.
/// </summary>
public sealed class ScimUnfilteredSearchTests
{
    private static readonly IReadOnlyList<object> Users =
    [
        ScimServer.User("1", "ann@example.com"), ScimServer.User("2", "ben@example.com"), ScimServer.User("3", "cal@example.com"),
        ScimServer.User("4", "dee@example.com"), ScimServer.User("5", "eve@example.com"), ScimServer.User("6", "fay@example.com"),
    ];

    [Fact]
    public async Task An_address_past_the_first_page_is_found_without_a_filter()
    {
        await using var server = await ScimServer.StartAsync("""{"filter":{"supported":false}}""", Users, cap: 2);
        using var connection = await ScimServer.ConnectAsync(server);

        var found = await EmailLookup.FindAsync(connection.Client, "eve@example.com", Hostile.Hostile.Patience());

        Assert.Equal("5", found?.Id);
    }

    [Fact]
    public async Task A_search_without_a_filter_lists_every_match_once_however_the_service_pages()
    {
        await using var server = await ScimServer.StartAsync("""{"filter":{"supported":false}}""", Users, cap: 2);
        using var connection = await ScimServer.ConnectAsync(server);
        var listed = new List<string>();

        await new DirectoryQueries(connection.Client).ListUsersAsync("e@", null, u => listed.Add(u.Id), Hostile.Hostile.Patience());

        // Only dee and eve end in "e@", and neither is on the service's first page.
        Assert.Equal(["4", "5"], listed);
    }
}
