using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Plans;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>Reorganisation plans planned and applied against the sandbox.</summary>
public sealed class ReorgPlanTests : SandboxTest
{
    private static readonly string SplitAnalytics = Path.Combine(RepoPaths.Root, "docs", "examples", "split-analytics.yaml");

    private static ReorgPlanDocument Read(string yamlOrPath)
    {
        var (document, problems) = File.Exists(yamlOrPath) ? ReorgPlanParser.ParseFile(yamlOrPath) : ReorgPlanParser.Parse(yamlOrPath, "plan.yaml");
        Assert.Empty(problems);
        return document!;
    }

    private static async Task<ReorgPlan> PlanAsync(UserMgmtConnection connection, ReorgPlanDocument document)
    {
        var (plan, problems) = await ReorgPlanner.PlanAsync(document, connection.Client, default);
        Assert.Empty(problems);
        return plan!;
    }

    private static async Task<List<OperationResult>> ApplyAsync(UserMgmtConnection connection, ReorgPlan plan, ExecutionOptions? options = null)
    {
        var results = new List<OperationResult>();
        await new ReorgPlanApplier(connection.Client, r => { lock (results) results.Add(r); }, options).ApplyAsync(plan.Changes, default);
        return results.OrderBy(r => r.Row).ToList();
    }

    [Fact]
    public async Task The_Analytics_split_previews_without_writing_applies_and_then_has_nothing_left_to_do()
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        var plan = await PlanAsync(connection, Read(SplitAnalytics));

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal("2 groups to create, 10 memberships to add, 2 attributes to set, 1 group to delete", plan.Summary);
        Assert.Contains("+ add      ada.lovelace@example.com → Customer Analytics", plan.Changes.Select(c => c.Line));

        var results = await ApplyAsync(connection, plan);

        Assert.Equal(plan.Changes.Select(c => c.Order), results.Select(r => r.Row));
        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(5, Sandbox.MembersOf("Customer Analytics").Count);
        Assert.Contains("jonas.berg@example.com", Sandbox.MembersOf("Product Analytics"));
        Assert.False(Sandbox.GroupExists("Analytics"));
        Assert.Contains("Customer Analytics", Sandbox.AttributesJson("ada.lovelace@example.com"));

        await Sandbox.ClearRequestLogAsync();
        var again = await PlanAsync(connection, Read(SplitAnalytics));
        Assert.Empty(again.Changes);
        Assert.Empty(await ApplyAsync(connection, again));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task Exact_membership_removes_strays_and_additive_membership_keeps_them()
    {
        using var connection = await Sandbox.ConnectAsync();
        var plan = await PlanAsync(connection, Read("""
            version: 1
            groups:
              - name: Administrators
                members: exact
                include: [kara.singh@example.com]
              - name: Analytics
                include: [kara.singh@example.com]
            """));

        await ApplyAsync(connection, plan);

        Assert.Equal(["kara.singh@example.com"], Sandbox.MembersOf("Administrators"));
        Assert.Equal(11, Sandbox.MembersOf("Analytics").Count);
    }

    [Fact]
    public async Task Selectors_resolve_against_the_live_directory()
    {
        using var connection = await Sandbox.ConnectAsync();
        var plan = await PlanAsync(connection, Read("""
            version: 1
            groups:
              - name: Everyone in Data Platform
                include:
                  - memberOf: Data Platform
                  - { attribute: department, is: operations }
                  - emailLike: "ada.*@example.com"
            """));

        var added = plan.Changes.Where(c => c.Kind == ChangeKind.AddMember).Select(c => c.Target).ToHashSet();

        Assert.Equal(Sandbox.MembersOf("Data Platform").Count + 9 + 1, added.Count);
        Assert.Contains("ada.lovelace@example.com", added);
    }

    [Fact]
    public async Task References_to_users_or_groups_that_do_not_exist_are_problems_at_their_line()
    {
        using var connection = await Sandbox.ConnectAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(Read("""
            version: 1
            groups:
              - name: Team
                include:
                  - nobody@example.com
                  - memberOf: Ghosts
            disable: [gone@example.com]
            """), connection.Client, default);

        Assert.Null(plan);
        Assert.Equal([(5, "No user has the email address 'nobody@example.com'."), (6, "No group is named 'Ghosts'."), (7, "No user has the email address 'gone@example.com'.")],
            problems.Select(p => (p.At.Line, p.Message)));
    }

    [Fact]
    public async Task A_saved_plan_knows_when_the_platform_has_moved_since_and_names_what_moved()
    {
        using var connection = await Sandbox.ConnectAsync();
        var plan = await PlanAsync(connection, Read(SplitAnalytics));
        var saved = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        plan.Save(saved);
        var loaded = ReorgPlan.Load(saved);
        File.Delete(saved);
        Assert.Equal(plan.Changes.Select(c => c.Line), loaded.Changes.Select(c => c.Line));
        Assert.Empty(ReorgPlanner.Moved(loaded, await DirectorySnapshot.ReadAsync(connection.Client, default)));

        await connection.Client.AddUserToGroupsAsync("user-002", [(await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Administrators")], default);
        var moved = ReorgPlanner.Moved(loaded, await DirectorySnapshot.ReadAsync(connection.Client, default));

        Assert.Equal(["user ben.okafor@example.com"], moved);
    }

    [Fact]
    public async Task A_change_that_fails_midway_leaves_the_others_applied_and_reported()
    {
        using var connection = await Sandbox.ConnectAsync();
        var plan = await PlanAsync(connection, Read("""
            version: 1
            groups:
              - name: Contractors
                include: [ben.okafor@example.com, chloe.martin@example.com, elena.rossi@example.com]
            disable: [dev.patel@example.com]
            """));
        // Handed over to SCIM after planning, so the platform refuses its change with 403.
        Sandbox.ManageUserByScim("elena.rossi@example.com");

        var results = await ApplyAsync(connection, plan);

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded, OperationStatus.Failed, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal(403, results[2].HttpStatus);
        Assert.False(Sandbox.IsEnabled("dev.patel@example.com"));
        Assert.Equal(["ben.okafor@example.com", "chloe.martin@example.com"], Sandbox.MembersOf("Contractors"));
        Assert.Same(plan.Changes[2], results[2].InputObject);
    }

    [Fact]
    public async Task A_platform_lost_after_the_groups_are_created_still_leaves_every_change_with_a_result()
    {
        using var connection = await Sandbox.ConnectAsync();
        var plan = await PlanAsync(connection, Read("""
            version: 1
            groups:
              - name: Night Shift
                include: [ben.okafor@example.com, chloe.martin@example.com]
              - name: Analytics
                absent: true
            """));
        // Groups are created; then every read, and so the look at the platform between phases, fails.
        Sandbox.InjectFaults(new Sandbox.Faults.FaultSettings { ResetBeforeRate = 1, Methods = "GET" });
        var results = new List<OperationResult>();

        await Assert.ThrowsAsync<Rest.ServiceUnreachableException>(() =>
            new ReorgPlanApplier(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(plan.Changes, default));

        Assert.Equal(plan.Changes.Select(c => c.Order), results.Select(r => r.Row).Order());
        Assert.Equal(OperationStatus.Succeeded, results.Single(r => r.Row == plan.Changes[0].Order).Status);
        Assert.All(results.Where(r => r.Row != plan.Changes[0].Order), r => Assert.StartsWith("Not done:", r.Message));
        Assert.True(Sandbox.GroupExists("Analytics"));
    }

    [Fact]
    public async Task A_plan_made_on_Acceldata_fails_on_CCAI_the_changes_it_cannot_make_and_those_that_need_them_without_sending_them()
    {
        using var acceldata = await Sandbox.ConnectAsync();
        var plan = await PlanAsync(acceldata, Read("version: 1\ngroups:\n  - name: Night Shift\n    include: [ben.okafor@example.com]\n"));
        using var ccai = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();

        Assert.Equal(["change 1 (+ create   Night Shift): CCAI Platform cannot create groups"], ReorgPlanner.Unsupported(plan, ccai.Client.Capabilities));
        var results = await ApplyAsync(ccai, plan);

        Assert.Equal([OperationStatus.Failed, OperationStatus.Failed], results.Select(r => r.Status));
        Assert.Equal("CCAI Platform cannot create groups.", results[0].Message);
        Assert.Contains("could not be created", results[1].Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.False(Sandbox.GroupExists("Night Shift"));
    }

    [Fact]
    public async Task On_CCAI_a_plan_giving_a_location_the_platform_does_not_hold_is_refused_at_its_line()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();
        var document = Read("""
            version: 1
            attributes:
              ada.lovelace@example.com: { location: Lisbon }
              ben.okafor@example.com: { location: Berln }
            """);

        var (plan, problems) = await ReorgPlanner.PlanAsync(document, connection.Client, default);

        Assert.Null(plan);
        var problem = Assert.Single(problems);
        Assert.Equal(4, problem.At.Line);
        Assert.Equal("CCAI Platform has no location 'Berln'; location must be one of 'Berlin', 'Lisbon', 'Remote'. Did you mean 'Berlin'? Only the locations someone holds can be read: a location nobody holds yet must first be given to one user on CCAI Platform itself.", problem.Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task On_CCAI_a_plan_emptying_an_attribute_or_changing_a_user_without_a_last_name_is_refused_at_its_lines()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        Sandbox.ClearLastName("ben.okafor@example.com");
        await Sandbox.ClearRequestLogAsync();
        var document = Read("""
            version: 1
            attributes:
              ada.lovelace@example.com: { agentNumber: }
              ben.okafor@example.com: { agentNumber: "7" }
            disable: [ben.okafor@example.com]
            """);

        var (plan, problems) = await ReorgPlanner.PlanAsync(document, connection.Client, default);

        Assert.Null(plan);
        Assert.Equal([3, 4, 5], problems.Select(p => p.At.Line).Order());
        Assert.Contains(problems, p => p.Message == "CCAI Platform cannot empty the attribute 'agentNumber': a blank value leaves it as it is.");
        Assert.Equal(2, problems.Count(p => p.Message == "CCAI Platform needs a last name to change ben.okafor@example.com, and it has none."));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task On_CCAI_a_user_without_a_last_name_swept_up_by_a_selector_is_left_out_with_a_note()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        Sandbox.ClearLastName("ben.okafor@example.com");
        var document = Read("""
            version: 1
            groups:
              - name: Engineering
                members: additive
                include:
                  - memberOf: Analytics
            """);

        var (plan, problems) = await ReorgPlanner.PlanAsync(document, connection.Client, default);

        Assert.Empty(problems);
        Assert.DoesNotContain(plan!.Changes, c => c.Target == "ben.okafor@example.com");
        Assert.Contains(plan.Notes, n => n.ToString().Contains("ben.okafor@example.com is left out of 'Engineering': CCAI Platform needs a last name"));
    }

    [Fact]
    public async Task A_plan_asking_what_the_platform_cannot_do_is_refused_at_its_lines_before_anything_is_sent()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();
        var document = Read("""
            version: 1
            groups:
              - name: Night Shift
                include: [ben.okafor@example.com]
              - name: Analytics
                absent: true
            attributes:
              ada.lovelace@example.com: { department: Support }
            """);

        var (plan, problems) = await ReorgPlanner.PlanAsync(document, connection.Client, default);

        Assert.Null(plan);
        Assert.Equal([3, 5, 8], problems.Select(p => p.At.Line));
        Assert.All(problems, p => Assert.StartsWith("CCAI Platform cannot", p.Message));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task Changes_a_plan_names_to_a_SCIM_managed_user_are_problems_at_their_lines_before_anything_is_sent()
    {
        using var connection = await Sandbox.ConnectAsync();
        await Sandbox.ClearRequestLogAsync();

        var (plan, problems) = await ReorgPlanner.PlanAsync(Read("""
            version: 1
            groups:
              - name: Contractors
                include:
                  - ben.okafor@example.com
                  - scim.sync@example.com
            attributes:
              scim.sync@example.com: { department: Support }
            disable: [scim.sync@example.com]
            """), connection.Client, default);

        Assert.Null(plan);
        Assert.Equal([6, 8, 9], problems.Select(p => p.At.Line));
        Assert.All(problems, p => Assert.Equal("scim.sync@example.com is managed by SCIM: Acceldata takes changes to it only from its identity provider.", p.Message));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task A_SCIM_managed_user_that_only_a_selector_or_an_exact_list_sweeps_up_is_left_as_it_is_with_a_note()
    {
        using var connection = await Sandbox.ConnectAsync();
        Sandbox.ManageUserByScim("kara.singh@example.com");
        var plan = await PlanAsync(connection, Read("""
            version: 1
            groups:
              - name: Contractors
                include:
                  - emailLike: "*@example.com"
              - name: Administrators
                members: exact
                include: [ben.okafor@example.com]
            """));

        Assert.Equal(["3:5 kara.singh@example.com is left out of 'Contractors'", "3:5 scim.sync@example.com is left out of 'Contractors'",
                "6:5 kara.singh@example.com stays in 'Administrators'"],
            plan.Notes.Select(n => $"{n.At.Line}:{n.At.Column} {n.Message.Split(':')[0]}"));
        Assert.DoesNotContain(plan.Changes, c => c.Target is "kara.singh@example.com" or "scim.sync@example.com");

        var results = await ApplyAsync(connection, plan);

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(38, Sandbox.MembersOf("Contractors").Count);
        Assert.Equal(["ben.okafor@example.com", "kara.singh@example.com"], Sandbox.MembersOf("Administrators"));
    }

    [Fact]
    public async Task A_SCIM_managed_group_is_a_problem_at_its_line_when_the_plan_would_change_it_and_fine_when_it_already_holds()
    {
        using var connection = await Sandbox.ConnectAsync();
        Sandbox.ManageGroupByScim("Administrators");
        Sandbox.ManageGroupByScim("Analytics");
        var document = Read("""
            version: 1
            groups:
              - name: Administrators
                include: [ben.okafor@example.com]
              - name: Analytics
                absent: true
              - name: Engineering
                include: [{ memberOf: Administrators }]
            """);

        var (plan, problems) = await ReorgPlanner.PlanAsync(document, connection.Client, default);

        Assert.Null(plan);
        Assert.Equal([(3, "Group 'Administrators' is managed by SCIM: Acceldata takes changes to it or its members only from its identity provider."),
                (5, "Group 'Analytics' is managed by SCIM: Acceldata takes changes to it or its members only from its identity provider.")],
            problems.Select(p => (p.At.Line, p.Message)));

        var holds = await PlanAsync(connection, Read("""
            version: 1
            groups:
              - name: Administrators
                include: [ada.lovelace@example.com]
            """));
        Assert.Empty(holds.Changes);
    }
}
