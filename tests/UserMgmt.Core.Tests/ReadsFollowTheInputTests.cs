using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// A command reads what its rows name, not the whole platform: twenty rows cost the first page and a lookup for each
/// user not on it, in a directory of 50,000 users as in one that fits on a page.
/// </summary>
public sealed class ReadsFollowTheInputTests : SandboxTest
{
    private const int Rows = 20;

    [Theory]
    [InlineData("Acceldata")]
    [InlineData("Ccai")]
    public async Task Twenty_rows_cost_no_more_reads_in_a_directory_of_50000_than_a_lookup_each_and_one_page(string provider)
    {
        Sandbox.AddUsers(50_000);
        using var connection = await ConnectAsync(provider);
        // The last twenty added, far past the first page.
        var named = Enumerable.Range(50_000 - Rows + 1, Rows).Select(i => $"extra{i:D4}@example.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(connection, named);

        Assert.Equal(Rows, plan.Steps.Count);
        Assert.Equal(1 + Rows, await Sandbox.ReadCallsAsync());
    }

    [Theory]
    [InlineData("Acceldata")]
    [InlineData("Ccai")]
    public async Task Twenty_rows_in_a_directory_that_fits_on_a_page_cost_that_page_alone(string provider)
    {
        Sandbox.AddUsers(Rows);
        using var connection = await ConnectAsync(provider);
        var named = Enumerable.Range(1, Rows).Select(i => $"extra{i:D4}@example.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(connection, named);

        Assert.Equal(Rows, plan.Steps.Count);
        Assert.Equal(1, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task A_user_no_page_holds_is_looked_up_once_and_fails_its_row_alone()
    {
        Sandbox.AddUsers(5_000);
        using var connection = await ConnectAsync("Acceldata");
        var named = new List<string> { "extra5000@example.com", "nobody@example.com", "extra4999@example.com", "NOBODY@example.com" };
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(connection, named);

        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(["nobody@example.com", "NOBODY@example.com"], plan.Settled.Select(r => r.Target));
        // The first page, then one lookup for each of the three names not on it: the repeat of nobody is asked for once.
        Assert.Equal(1 + 3, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task Where_the_platform_counts_and_the_rest_of_its_pages_cost_fewer_calls_they_are_read_instead()
    {
        Sandbox.AddUsers(1_200);
        using var connection = await ConnectAsync("Acceldata");
        var everyone = Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single();
        var named = Enumerable.Range(1_200 - 9, 10).Select(i => $"extra{i:D4}@example.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(connection, named);

        Assert.Equal(10, plan.Steps.Count);
        // Fewer pages than names: every page, as large as the platform allows, and no lookup.
        Assert.Equal((int)Math.Ceiling(everyone / (double)connection.Client.Capabilities.LargestPage), await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task The_pages_past_the_first_are_read_side_by_side_and_miss_nobody()
    {
        Sandbox.AddUsers(5_000);
        using var connection = await ConnectAsync("Acceldata");
        // Ten names spread over every page but the first: five pages cost fewer calls than ten lookups.
        var named = Enumerable.Range(1, 10).Select(i => $"extra{i * 490:D4}@example.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(connection, named);

        Assert.Equal(10, plan.Steps.Count);
        Assert.Equal(6, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task Later_windows_of_one_command_read_the_first_page_no_more_and_ask_again_for_a_name_no_user_had()
    {
        Sandbox.AddUsers(5_000);
        using var connection = await ConnectAsync("Acceldata");
        var planner = new CommandPlanner(connection.Client);
        await Sandbox.ClearRequestLogAsync();

        await PlanAsync(planner, ["extra4001@example.com", "extra4002@example.com", "nobody@example.com"], firstRow: 1);
        planner.EndWindow();
        var later = await PlanAsync(planner, ["extra4003@example.com", "extra4004@example.com", "nobody@example.com"], firstRow: 4);

        Assert.Equal(2, later.Steps.Count);
        Assert.Equal(6, later.Settled.Single().Row);
        // The first page once; then a lookup per name in each window, the absent one asked again since it may exist now.
        Assert.Equal(1 + 3 + 3, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task With_the_count_taken_at_connect_twenty_rows_in_50000_cost_a_lookup_each_and_no_page()
    {
        Sandbox.AddUsers(50_000);
        using var connection = await ConnectAsync("Acceldata");
        var named = Enumerable.Range(50_000 - Rows + 1, Rows).Select(i => $"extra{i:D4}@example.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(new CommandPlanner(connection.Client, connection.Groups, connection.CountedUsers), named, firstRow: 1);

        Assert.Equal(Rows, plan.Steps.Count);
        // Each named user is looked up; the first page, which would hold none of them, is not read.
        Assert.Equal(Rows, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task With_the_count_taken_at_connect_twenty_rows_in_a_directory_on_one_page_cost_that_page()
    {
        Sandbox.AddUsers(Rows);
        using var connection = await ConnectAsync("Acceldata");
        var named = Enumerable.Range(1, Rows).Select(i => $"extra{i:D4}@example.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(new CommandPlanner(connection.Client, connection.Groups, connection.CountedUsers), named, firstRow: 1);

        Assert.Equal(Rows, plan.Steps.Count);
        Assert.Equal(1, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task A_count_from_connect_that_is_out_of_date_costs_calls_but_misses_nobody()
    {
        using var connection = await ConnectAsync("Acceldata");
        // Counted small at connect; the directory has grown past a page since.
        Sandbox.AddUsers(3_000);
        var named = new[] { 2_999, 3_000, 5, 1_500 }.Select(i => $"extra{i:D4}@example.com").Append("nobody@example.com").ToList();

        var plan = await PlanAsync(new CommandPlanner(connection.Client, connection.Groups, connection.CountedUsers), named, firstRow: 1);

        Assert.Equal(4, plan.Steps.Count);
        Assert.Equal("nobody@example.com", plan.Settled.Single().Target);
    }

    private Task<UserMgmtConnection> ConnectAsync(string provider) =>
        provider == "Ccai" ? Sandbox.ConnectCcaiAsync() : Sandbox.ConnectAsync();

    private static Task<CommandPlan> PlanAsync(UserMgmtConnection connection, IReadOnlyList<string> users) =>
        PlanAsync(new CommandPlanner(connection.Client), users, firstRow: 1);

    private static Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<string> users, int firstRow)
    {
        var department = new Dictionary<string, IReadOnlyList<string>> { ["agentNumber"] = ["A7"] };
        return planner.PlanAttributesAsync(users.Select((user, i) => new AttributeRequest(firstRow + i, null, user, department)).ToList(), default);
    }
}
