using System.Text.Json;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// The three scenarios of the Acceldata bulk user management guide, end to end against the sandbox, on the
/// strict tenant and on each variant the vendor's sources leave open.
/// </summary>
public sealed class ScenarioTests : SandboxTest
{
    public static TheoryData<string> Variants() => AcceldataTenants.Variants();

    private static readonly string[] Contractors = Enumerable.Range(1, 20).Select(i => $"contractor{i}@company.com").ToArray();

    [Theory, MemberData(nameof(Variants))]
    public async Task Onboarding_twenty_contractors_invites_each_once_into_both_groups_in_one_call(string variant)
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, variant);
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(Contractors, "Contractors", "Read-Only-Access"), default));

        Assert.Equal(20, results.Count);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(Enumerable.Range(1, 20), results.Select(r => r.Row));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
        foreach (var email in Contractors)
        {
            Assert.Equal(1, Sandbox.CountUsers(email));
            Assert.Equal(["Contractors", "Read-Only-Access"], Sandbox.GroupsOf(email));
        }
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task Invitations_go_as_many_to_a_call_as_the_platform_declares(string variant)
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, variant);
        var emails = Enumerable.Range(1, 250).Select(i => $"hire{i}@company.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(emails, "Contractors"), default));

        Assert.Equal(100, connection.Client.Capabilities.InvitationsPerCall);
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(3, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
        Assert.All(emails, e => Assert.Equal(1, Sandbox.CountUsers(e)));
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task Onboarding_again_changes_nothing_and_skips_every_row(string variant)
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, variant);
        var invitations = Rows.Invitations(Contractors, "Contractors", "Read-Only-Access");
        await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(invitations, default));
        await Sandbox.ClearRequestLogAsync();

        var again = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(invitations, default));

        Assert.All(again, r => Assert.Equal(OperationStatus.Skipped, r.Status));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.All(Contractors, e => Assert.Equal(1, Sandbox.InvitationsSent(e)));
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task Splitting_Analytics_moves_every_member_into_one_of_the_two_new_teams(string variant)
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, variant);
        var analysts = Sandbox.MembersOf("Analytics").ToList();
        Assert.Equal(10, analysts.Count);
        var customer = analysts.Take(5).ToList();
        var product = analysts.Skip(5).ToList();

        var created = await Rows.ApplyAsync(connection, p => p.PlanNewGroupsAsync(
            [new NewGroupRequest(1, null, "Customer Analytics", "Customer-facing analytics"), new NewGroupRequest(2, null, "Product Analytics", null)], default));
        var toCustomer = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(customer, "Customer Analytics"), add: true, default));
        var toProduct = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(product, "Product Analytics"), add: true, default));
        var removed = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(analysts, "Analytics"), add: false, default));

        Assert.All(created.Concat(toCustomer).Concat(toProduct).Concat(removed), r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(customer.Order(StringComparer.OrdinalIgnoreCase), Sandbox.MembersOf("Customer Analytics"));
        Assert.Equal(product.Order(StringComparer.OrdinalIgnoreCase), Sandbox.MembersOf("Product Analytics"));
        Assert.Empty(Sandbox.MembersOf("Analytics"));
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task Department_update_sets_the_attribute_for_the_whole_team_and_keeps_other_attributes(string variant)
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, variant);
        var team = Sandbox.MembersOf("Data Platform").ToList();
        Assert.NotEmpty(team);
        var department = new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Engineering - Data Platform"] };
        var first = team[0];
        await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(
            [new AttributeRequest(1, null, first, new Dictionary<string, IReadOnlyList<string>> { ["costCenter"] = ["CC-42"] })], default));

        var results = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(
            team.Select((u, i) => new AttributeRequest(i + 1, null, u, department)).ToList(), default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        foreach (var email in team)
        {
            var attributes = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Sandbox.AttributesJson(email)!)!;
            Assert.Equal(["Engineering - Data Platform"], attributes["department"]);
        }
        var firstAttributes = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Sandbox.AttributesJson(first)!)!;
        Assert.Equal(["CC-42"], firstAttributes["costCenter"]);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task What_if_of_every_scenario_makes_no_write_call_yet_plans_every_change(string variant)
    {
        using var connection = await AcceldataTenants.ConnectAsync(Sandbox, variant);
        var analysts = Sandbox.MembersOf("Analytics").ToList();
        var team = Sandbox.MembersOf("Data Platform").ToList();
        await Sandbox.ClearRequestLogAsync();

        // A what-if run is a plan that is never applied: the cmdlets answer ShouldProcess before applying.
        var planner = new CommandPlanner(connection.Client);
        var onboarding = await planner.PlanInvitationsAsync(Rows.Invitations(Contractors, "Contractors", "Read-Only-Access"), default);
        var split = await planner.PlanMembershipAsync(Rows.Memberships(analysts, "Analytics"), add: false, default);
        var departments = await planner.PlanAttributesAsync(team.Select((u, i) =>
            new AttributeRequest(i + 1, null, u, new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["Engineering - Data Platform"] })).ToList(), default);

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal(20, onboarding.Steps.Count);
        Assert.Equal(10, split.Steps.Count);
        Assert.Equal(team.Count, departments.Steps.Count);
        Assert.Contains("Invite contractor1@company.com into 'Contractors', 'Read-Only-Access' and send the invitation email", onboarding.Steps.Select(s => s.Description));
        Assert.Empty(Sandbox.MembersOf("Contractors"));
    }
}
