using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Where the platform refuses a known address whole, a run nobody previews sends new addresses without looking them up:
/// its cost follows the rows in any directory, and the known addresses among them end as a lookup would have ended them.
/// </summary>
public sealed class InvitationsWithoutLookupTests : SandboxTest
{
    [Theory]
    [InlineData(0)]
    [InlineData(50_000)]
    public async Task Twenty_new_addresses_cost_one_invitation_and_no_read_in_a_directory_of_any_size(int others)
    {
        Sandbox.AddUsers(others);
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        var results = await InviteAsync(connection, Enumerable.Range(1, 20).Select(i => $"new{i}@company.com").ToList());

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(0, await Sandbox.ReadCallsAsync());
        Assert.Equal(1, await Sandbox.WriteCallsAsync());
        Assert.Equal(1, Sandbox.CountUsers("new20@company.com"));
    }

    [Fact]
    public async Task Known_addresses_among_new_ones_end_as_a_lookup_would_have_ended_them_and_say_so()
    {
        using var connection = await Sandbox.ConnectAsync();
        // kara is not in Analytics, ada is.
        var emails = new List<string> { "new1@company.com", "kara.singh@example.com", "ada.lovelace@example.com", "new2@company.com" };
        var known = 0;

        var withoutLookups = await InviteAsync(connection, emails, ["Analytics"], () => Interlocked.Increment(ref known));

        Assert.Equal(["Succeeded", "Succeeded", "Skipped", "Succeeded"], withoutLookups.Select(r => r.Status.ToString()));
        Assert.Equal("already a user; added to 'Analytics'", withoutLookups[1].Message);
        Assert.Equal("Already a user (Active) and already in 'Analytics'.", withoutLookups[2].Message);
        Assert.Contains("kara.singh@example.com", Sandbox.MembersOf("Analytics"));
        Assert.Equal(["Analytics"], Sandbox.GroupsOf("new2@company.com"));
        Assert.True(known > 0);
    }

    [Fact]
    public async Task A_planner_that_looks_up_plans_known_addresses_as_before()
    {
        using var connection = await Sandbox.ConnectAsync();
        var planner = new CommandPlanner(connection.Client) { LooksUpInvitees = true };

        var plan = await planner.PlanInvitationsAsync([new InvitationRequest(1, null, "ada.lovelace@example.com", [], false)], default);

        Assert.Empty(plan.Steps);
        Assert.Equal("Already a user (Active).", plan.Settled.Single().Message);
    }

    private static async Task<List<OperationResult>> InviteAsync(UserMgmtConnection connection, List<string> emails, string[]? groups = null,
        Action? knownAddressInvited = null)
    {
        var planner = new CommandPlanner(connection.Client) { LooksUpInvitees = false };
        var plan = await planner.PlanInvitationsAsync(emails.Select((e, i) => new InvitationRequest(i + 1, null, e, groups ?? [], false)).ToList(), default);
        var results = new List<OperationResult>(plan.Settled);
        var options = new ExecutionOptions { KnownAddressInvited = knownAddressInvited };
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }, options).ApplyAsync(plan.Steps, default);
        return results.OrderBy(r => r.Row).ToList();
    }
}
