using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// A command's changes on CCAI Platform go into as few bulk jobs as the platform allows, and every
/// input row gets the outcome of its own row of its own job, over HTTP against the sandbox.
/// </summary>
public sealed class CcaiCommandJobTests : SandboxTest
{
    private const string Uploads = "/apps/api/v1/bulk/users/upload";
    private const string Proceeds = "/apps/api/v1/bulk/users/proceed";

    private static string Agent(int n) => $"agent{n:D4}@company.com";

    private static IReadOnlyList<InvitationRequest> Invitations(int count) =>
        Enumerable.Range(1, count).Select(n => new InvitationRequest(n, $"row {n}", Agent(n), ["Contractors"], SendEmail: false)
        {
            FirstName = "Test", LastName = $"Agent{n}",
        }).ToList();

    private async Task<List<OperationResult>> ApplyAsync(UserMgmtConnection connection, CommandPlan plan)
    {
        var results = new List<OperationResult>(plan.Settled);
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Steps, default);
        return results.OrderBy(r => r.Row).ToList();
    }

    [Fact]
    public async Task A_thousand_invitations_go_in_two_jobs_and_every_row_is_answered_for_itself()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Invitations(1000), default));

        Assert.Equal(2, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal(2, await Sandbox.CallsAsync("POST", Proceeds));
        Assert.Equal(Enumerable.Range(1, 1000), results.Select(r => r.Row));
        Assert.All(results, r => Assert.Equal((OperationStatus.Succeeded, Agent(r.Row), $"row {r.Row}"), (r.Status, r.Target, (string)r.InputObject!)));
        Assert.Equal(1000, Sandbox.Query("SELECT COUNT(*) FROM users WHERE email LIKE 'agent%' AND enabled = 1", r => r.GetInt32(0)).Single());
        Assert.Equal(["Agent734"], Sandbox.Query($"SELECT last_name FROM users WHERE email = '{Agent(734)}'", r => r.GetString(0)));
        Assert.Equal(1000, Sandbox.MembersOf("Contractors").Count(m => m.StartsWith("agent")));
    }

    [Fact]
    public async Task Rows_the_platform_refuses_fail_alone_and_the_rest_of_their_job_lands()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Invitations(1000), default));
        var rows = Enumerable.Range(1, 1000).Select(n => new MembershipRequest(n, $"row {n}", Agent(n), ["Read-Only-Access"])).ToList();
        var plan = await new CommandPlanner(connection.Client).PlanMembershipAsync(rows, add: true, default);
        // Handed to SCIM after the plan was made: only the platform can refuse these now, each in its own job.
        int[] refused = [7, 500, 501, 1000];
        foreach (var n in refused) Sandbox.ManageUserByScim(Agent(n));
        await Sandbox.ClearRequestLogAsync();

        var results = await ApplyAsync(connection, plan);

        Assert.Equal(2, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal(Enumerable.Range(1, 1000), results.Select(r => r.Row));
        Assert.All(results, r => Assert.Equal(Agent(r.Row), r.Target));
        Assert.Equal(refused, results.Where(r => r.Status == OperationStatus.Failed).Select(r => r.Row));
        Assert.All(results.Where(r => r.Status == OperationStatus.Failed), r => Assert.Contains($"User {Agent(r.Row)} is managed by SCIM", r.Message));
        Assert.Equal(996, results.Count(r => r.Status == OperationStatus.Succeeded && r.Message == "added to 'Read-Only-Access'"));
        var members = Sandbox.MembersOf("Read-Only-Access");
        Assert.All(Enumerable.Range(1, 1000), n => Assert.Equal(!refused.Contains(n), members.Contains(Agent(n))));
    }

    [Fact]
    public async Task A_users_second_value_goes_in_a_later_job_so_the_last_row_wins()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var rows = new[] { ("dev.patel@example.com", "Lisbon"), ("ben.okafor@example.com", "Berlin"), ("dev.patel@example.com", "Remote") }
            .Select((r, i) => new AttributeRequest(i + 1, $"row {i + 1}", r.Item1,
                new Dictionary<string, IReadOnlyList<string>> { ["location"] = [r.Item2] })).ToList();
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(rows, default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(2, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal(["Remote"], Sandbox.Query("SELECT location FROM users WHERE email = 'dev.patel@example.com'", r => r.GetString(0)));
        Assert.Equal(["Berlin"], Sandbox.Query("SELECT location FROM users WHERE email = 'ben.okafor@example.com'", r => r.GetString(0)));
    }

    [Fact]
    public async Task A_file_refused_for_one_row_is_sent_again_without_it()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var users = (await connection.Client.ListUsersAsync(null, 0, 100, default)).Users.Where(u => u.LastName is not null).Take(3).ToList();
        var group = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Read-Only-Access");
        // A user whose last name was removed after the plan read it: the file's check refuses that row, and so the file.
        var nameless = new User { Id = users[1].Id, Email = users[1].Email, FirstName = users[1].FirstName };
        var steps = new[] { users[0], nameless, users[2] }
            .Select((u, i) => new MembershipStep(new MembershipRequest(i + 1, $"row {i + 1}", u.Email, [group.Name]), u, [group], add: true, OperationNames.AddToGroup))
            .ToList();
        await Sandbox.ClearRequestLogAsync();

        var results = await ApplyAsync(connection, new CommandPlan([], steps));

        Assert.Equal(2, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Failed, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal("Last name is required (last_name)", results[1].Message);
        Assert.Contains("Read-Only-Access", Sandbox.GroupsOf(users[0].Email));
        Assert.DoesNotContain("Read-Only-Access", Sandbox.GroupsOf(users[1].Email));
        Assert.Contains("Read-Only-Access", Sandbox.GroupsOf(users[2].Email));
    }
}
