using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Plans;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// A plan's roles on CCAI Platform, over HTTP against the sandbox: grants and revocations travel as rows of one
/// bulk job (roles with value 1 and 0), and each change ends with the outcome of its own row.
/// </summary>
public sealed class CcaiRolePlanTests : SandboxTest
{
    private const string Uploads = "/apps/api/v1/bulk/users/upload";

    private static ReorgPlanDocument Read(string yaml)
    {
        var (document, problems) = ReorgPlanParser.Parse(yaml, "roles.yaml");
        Assert.Empty(problems);
        return document!;
    }

    private static async Task<List<OperationResult>> ApplyAsync(UserMgmtConnection connection, ReorgPlan plan)
    {
        var results = new List<OperationResult>();
        await new ReorgPlanApplier(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Changes, default);
        return results.OrderBy(r => r.Row).ToList();
    }

    /// <summary>A plan made where CCAI's template shows only the roles and teams someone holds.</summary>
    private async Task<(UserMgmtConnection Connection, ReorgPlan Plan)> PlanWhereTheTemplateShowsHeldRolesAsync(string yaml)
    {
        Sandbox.UseVariants(SandboxVariant.MembershipsWithoutValue);
        var connection = await Sandbox.ConnectCcaiAsync();
        var (plan, problems) = await ReorgPlanner.PlanAsync(Read(yaml), connection.Client, default);
        Assert.Empty(problems);
        return (connection, plan!);
    }

    private const string SupervisorsExactly = """
        version: 1
        roles:
          - name: Supervisor
            include: [ben.okafor@example.com, chloe.martin@example.com]
          - name: admin
            members: exact
            include: [ben.okafor@example.com]
        groups:
          - name: Contractors
            include: [ben.okafor@example.com]
        """;

    [Fact]
    public async Task Roles_are_planned_without_writing_then_granted_and_revoked_in_one_job_and_then_hold()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(Read(SupervisorsExactly), connection.Client, default);

        Assert.Empty(problems);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal(
            [
                "+ add      ben.okafor@example.com → Contractors",
                "+ grant    ben.okafor@example.com → role Supervisor",
                "+ grant    chloe.martin@example.com → role Supervisor",
                "+ grant    ben.okafor@example.com → role Admin",
                "- revoke   ada.lovelace@example.com → role Admin",
            ],
            plan!.Changes.Select(c => c.Line));

        var results = await ApplyAsync(connection, plan);

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(["AddToGroup", "GrantRole", "GrantRole", "GrantRole", "RevokeRole"], results.Select(r => r.Operation));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal(["Admin", "Agent", "Supervisor"], Sandbox.RolesOf("ben.okafor@example.com"));
        Assert.Equal(["Agent", "Supervisor"], Sandbox.RolesOf("chloe.martin@example.com"));
        Assert.Equal(["ben.okafor@example.com"], Sandbox.HoldersOf("Admin"));
        Assert.Empty(Sandbox.RolesOf("ada.lovelace@example.com"));
        Assert.Contains("ben.okafor@example.com", Sandbox.MembersOf("Contractors"));

        var (again, _) = await ReorgPlanner.PlanAsync(Read(SupervisorsExactly), connection.Client, default);
        Assert.Empty(again!.Changes);
    }

    [Fact]
    public async Task A_user_without_a_first_name_is_refused_while_planning_as_the_platforms_file_would_refuse_them()
    {
        Sandbox.ClearFirstName("ben.okafor@example.com");
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(
            Read("version: 1\nroles:\n  - name: Supervisor\n    include: [ben.okafor@example.com]"), connection.Client, default);
        var rows = await Rows.ApplyAsync(connection, p => p.PlanMembershipAsync(Rows.Memberships(["ben.okafor@example.com"], "Contractors"), add: true, default));

        Assert.Null(plan);
        Assert.Equal("roles.yaml:4:15: CCAI Platform needs a first name to change ben.okafor@example.com, and it has none.", Assert.Single(problems).ToString());
        Assert.Equal((OperationStatus.Failed, "CCAI Platform needs a first name to change ben.okafor@example.com, and it has none."),
            (Assert.Single(rows).Status, rows[0].Message));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task A_misspelt_role_is_a_problem_before_anything_is_sent()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(
            Read("version: 1\nroles:\n  - name: Supervisr\n    include: [ben.okafor@example.com]"), connection.Client, default);

        Assert.Null(plan);
        Assert.Equal("roles.yaml:3:5: No role is named 'Supervisr'. Did you mean 'Supervisor'?", Assert.Single(problems).ToString());
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task Where_the_template_shows_only_held_roles_an_unseen_role_is_sent_and_the_platform_judges_it()
    {
        // Nobody holds Supervisor, so this template cannot show it; Ghost exists nowhere.
        var (connection, plan) = await PlanWhereTheTemplateShowsHeldRolesAsync("""
            version: 1
            roles:
              - name: Supervisor
                include: [ben.okafor@example.com]
              - name: Ghost
                include: [chloe.martin@example.com]
            """);
        using var _ = connection;

        var results = await ApplyAsync(connection, plan);

        Assert.Equal(OperationStatus.Succeeded, results[0].Status);
        Assert.Equal(OperationStatus.Failed, results[1].Status);
        Assert.Contains("did not make the role change", results[1].Message);
        Assert.Contains("Ghost", results[1].Message);
        Assert.Contains("Supervisor", Sandbox.RolesOf("ben.okafor@example.com"));
        Assert.Equal(["Agent"], Sandbox.RolesOf("chloe.martin@example.com"));
    }

    [Fact]
    public async Task Where_the_platform_leaves_out_one_of_a_persons_roles_only_that_roles_change_fails()
    {
        // Both grants travel in ben's one row; the platform warns of Ghost alone, and gives Supervisor.
        var (connection, plan) = await PlanWhereTheTemplateShowsHeldRolesAsync("""
            version: 1
            roles:
              - name: Supervisor
                include: [ben.okafor@example.com]
              - name: Ghost
                include: [ben.okafor@example.com]
            """);
        using var _ = connection;

        var results = await ApplyAsync(connection, plan);

        Assert.Contains("Supervisor", Sandbox.RolesOf("ben.okafor@example.com"));
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Failed], results.Select(r => r.Status));
        Assert.Contains("Ghost", results[1].Message);
    }

    [Fact]
    public async Task A_role_or_group_named_with_megabytes_is_quoted_in_a_problem_of_a_few_words()
    {
        var huge = new string('S', 1_000_000);
        using var ccai = await Sandbox.ConnectCcaiAsync();
        using var appXite = await UserMgmt.Tests.AppXite.AppXiteConnection.OpenAsync(Sandbox);
        var document = Read($"version: 1\nroles:\n  - name: {huge}\ngroups:\n  - name: Contractors\n    include: [{{ memberOf: {huge} }}]");

        var (_, onCcai) = await ReorgPlanner.PlanAsync(document, ccai.Client, default);
        var (_, onAppXite) = await ReorgPlanner.PlanAsync(document, appXite.Client, default);

        Assert.Equal(2, onCcai.Count);
        Assert.Equal(3, onAppXite.Count);
        Assert.All(onCcai.Concat(onAppXite), p => Assert.True(p.Message.Length < 300, p.Message[..Math.Min(300, p.Message.Length)]));
    }

    [Fact]
    public async Task A_role_given_to_the_members_of_a_team_nobody_is_in_finds_the_team_where_the_template_shows_only_held_teams()
    {
        Sandbox.UseVariants(SandboxVariant.MembershipsWithoutValue);
        using var connection = await Sandbox.ConnectCcaiAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(
            Read("version: 1\nroles:\n  - name: Supervisor\n    include: [{ memberOf: Contractors }]"), connection.Client, default);

        Assert.Empty(problems);
        Assert.Empty(plan!.Changes);
    }

    [Fact]
    public async Task A_saved_plan_giving_a_role_to_a_teams_members_is_stale_once_someone_joins_the_team()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var (plan, _) = await ReorgPlanner.PlanAsync(
            Read("version: 1\nroles:\n  - name: Supervisor\n    include: [{ memberOf: Contractors }]"), connection.Client, default);
        var contractors = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Contractors");
        var ben = (await connection.Client.ListUsersAsync("ben.okafor", 0, 10, default)).Users.Single();

        // Ben joins after the plan was made: applied now, the plan would leave him without the role it promises the team.
        await connection.Client.AddUserToGroupsAsync(ben.Id, [contractors], default);
        var live = await DirectorySnapshot.ReadAsync(connection.Client, default, plan!.Groups.Keys);

        Assert.Contains("group Contractors", ReorgPlanner.Moved(plan, live));
    }

    [Fact]
    public async Task On_AppXite_a_plan_with_roles_is_refused_naming_the_platform_and_sends_nothing()
    {
        using var connection = await UserMgmt.Tests.AppXite.AppXiteConnection.OpenAsync(Sandbox);
        await Sandbox.ClearRequestLogAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(
            Read("version: 1\nroles:\n  - name: Admin\n    include: [ben.okafor@example.com]"), connection.Client, default);

        Assert.Null(plan);
        Assert.Contains("cannot change who holds a role", Assert.Single(problems).Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        // Its roles are not even read: the plan's names cannot be used there, right or wrong.
        Assert.Equal(0, await Sandbox.CallsAsync("GET", "/appxite/api/v2/roles"));
    }
}
