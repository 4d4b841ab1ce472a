using System.Net;
using System.Net.Http.Headers;
using System.Text;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Reading users and the template from CCAI Platform, against the sandbox in its strict default and
/// in every shape the vendor's pages leave open for these reads (get-user-configuration-data, P3 in
/// docs/providers/ccai.md): the client must read each of them the same way.
/// </summary>
public sealed class CcaiReadTests : SandboxTest
{
    private const string Users = "/apps/api/v1/users";

    /// <summary>"none" is the strict default; the others are the variants that shape /users and the template.</summary>
    public static TheoryData<string> Variants => ["none", "numeric-ids", "memberships-without-value", "loose-user-fields"];

    private async Task<UserMgmtConnection> ConnectAsync(string variant)
    {
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);
        var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();
        return connection;
    }

    private List<string> UserRequests() =>
        Sandbox.Query("SELECT path FROM request_log WHERE path LIKE @p ORDER BY id", r => r.GetString(0), ("@p", Users + "%"));

    // Item 3 / D3: the demo's 39 users and 211 more make 250; the strict sandbox sends no Total header on /users.
    [Theory, MemberData(nameof(Variants))]
    public async Task Every_user_is_listed_once_without_a_Total_header(string variant)
    {
        Sandbox.AddUsers(211);
        using var connection = await ConnectAsync(variant);
        var found = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync(null, null, found.Add, default);

        Assert.Equal(250, found.Select(u => u.Email).Distinct().Count());
        Assert.Equal(250, found.Count);
    }

    // Item 3 / D3: issue 12's report, Get-User -First 130 on a directory of 250.
    [Theory, MemberData(nameof(Variants))]
    public async Task The_first_130_of_250_users_are_130_different_users(string variant)
    {
        Sandbox.AddUsers(211);
        using var connection = await ConnectAsync(variant);
        var found = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync(null, 130, found.Add, default);

        Assert.Equal(130, found.Select(u => u.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(130, found.Count);
    }

    // Item 3: a name search reads every page, not only the first, without a Total header.
    [Theory, MemberData(nameof(Variants))]
    public async Task A_name_search_finds_a_user_on_the_last_page(string variant)
    {
        Sandbox.AddUsers(211);
        using var connection = await ConnectAsync(variant);
        var found = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync("Number210", null, found.Add, default);

        Assert.Equal("extra0210@example.com", Assert.Single(found).Email);
    }

    // Item 2 / D2: P3, a page number cannot be combined with user ids; the address goes alone.
    [Theory, MemberData(nameof(Variants))]
    public async Task A_lookup_by_address_sends_the_address_alone(string variant)
    {
        using var connection = await ConnectAsync(variant);

        var user = await new DirectoryQueries(connection.Client).FindUserAsync("grace.hopper@example.com", default);

        Assert.Equal(("Grace", "Hopper"), (user?.FirstName, user?.LastName));
        Assert.Equal([Users + "?email=grace.hopper%40example.com"], UserRequests());
    }

    // Item 2: Get-User -Search with an address is a lookup too.
    [Theory, MemberData(nameof(Variants))]
    public async Task A_search_for_an_address_sends_the_address_alone(string variant)
    {
        using var connection = await ConnectAsync(variant);
        var found = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync("grace.hopper@example.com", null, found.Add, default);

        Assert.Equal("grace.hopper@example.com", Assert.Single(found).Email);
        Assert.All(UserRequests(), path => Assert.DoesNotContain("page", path));
    }

    // D9: P3 lets users be asked for by System ID; one request, not the whole directory.
    [Theory, MemberData(nameof(Variants))]
    public async Task A_user_is_found_by_id_in_one_request(string variant)
    {
        Sandbox.AddUsers(211);
        string id;
        using (var first = await ConnectAsync(variant))
            id = (await new DirectoryQueries(first.Client).FindUserAsync("extra0200@example.com", default))!.Id;
        using var connection = await ConnectAsync(variant);

        var user = await new DirectoryQueries(connection.Client).FindUserAsync(id, default);

        Assert.Equal("extra0200@example.com", user?.Email);
        Assert.Single(UserRequests());
        Assert.DoesNotContain("page", UserRequests()[0]);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task An_unknown_id_is_no_user(string variant)
    {
        using var connection = await ConnectAsync(variant);

        Assert.Null(await new DirectoryQueries(connection.Client).FindUserAsync("987654321", default));
    }

    // Items 4 and 5 / D4, D5, D10: ids, agent numbers, memberships and the deactivation date in each shape.
    [Theory, MemberData(nameof(Variants))]
    public async Task A_user_reads_the_same_in_every_shape(string variant)
    {
        Sandbox.UseDigitsForAgentNumber("ada.lovelace@example.com");
        using var connection = await ConnectAsync(variant);
        var queries = new DirectoryQueries(connection.Client);

        var ada = await queries.FindUserAsync("ada.lovelace@example.com", default);
        var hana = await queries.FindUserAsync("hana.kim@example.com", default);

        Assert.NotNull(ada);
        Assert.Equal(new SortedSet<string> { "Administrators", "Analytics" }, new SortedSet<string>(ada.Groups));
        Assert.Equal(["Admin"], ada.Roles);
        Assert.Equal(UserStatus.Active, ada.Status);
        Assert.Equal(["1000"], ada.Attributes["agentNumber"]);
        Assert.Equal(UserStatus.Inactive, hana?.Status);
    }

    // Item 5: Get-User -Group reads membership from whichever shape the platform sends.
    [Theory, MemberData(nameof(Variants))]
    public async Task Members_of_a_team_are_found_in_every_shape(string variant)
    {
        using var connection = await ConnectAsync(variant);
        var found = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync(new UserQuery(null, new Group { Id = "Analytics", Name = "Analytics" }), 0, null, found.Add, default);

        Assert.Equal(Sandbox.MembersOf("Analytics"), new SortedSet<string>(found.Select(u => u.Email), StringComparer.OrdinalIgnoreCase));
    }

    // Items 4 and 5 on the template: its rows, roles and teams read in every shape.
    [Theory, MemberData(nameof(Variants))]
    public async Task The_template_reads_in_every_shape(string variant)
    {
        using var connection = await ConnectAsync(variant);

        var template = await connection.Client.BulkJobs!.GetTemplateAsync(default);

        var ada = template.Rows.Single(r => r.Email == "ada.lovelace@example.com");
        Assert.Equal(new SortedSet<string> { "Administrators", "Analytics" }, new SortedSet<string>(ada.Teams));
        Assert.Equal(["Admin"], ada.Roles);
        Assert.Equal("A1000", ada.AgentNumber);
        Assert.Contains("Analytics", template.Teams);
        Assert.Contains("Agent", template.Roles);
        Assert.Equal(39, template.Rows.Count);
    }

    // Item 12: the strict sandbox refuses what P3 says cannot be combined, with 400 and a message.
    [Theory]
    [InlineData("page=1&email=ada.lovelace%40example.com")]
    [InlineData("page=2&per_page=10&email=ada.lovelace%40example.com")]
    [InlineData("page=1&id=user-001")]
    public async Task The_strict_sandbox_refuses_a_page_number_with_user_ids(string query)
    {
        using var http = Authorized();

        using var answer = await http.GetAsync($"{Users}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("page", await answer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    // Item 12: P3 does not say /users carries a Total header (P1 shows one on the job list only), so the strict sandbox sends none.
    [Fact]
    public async Task The_strict_sandbox_sends_no_Total_header_on_users()
    {
        using var http = Authorized();

        using var answer = await http.GetAsync($"{Users}?page=1&per_page=5");

        answer.EnsureSuccessStatusCode();
        Assert.False(answer.Headers.Contains("Total"));
    }

    private HttpClient Authorized()
    {
        var http = SandboxHttp.Client(Sandbox);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxOptions.DemoCcaiSubdomain}:{SandboxOptions.DemoSecretKey}")));
        return http;
    }
}
