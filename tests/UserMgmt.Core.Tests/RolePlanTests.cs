using System.Text.Json.Nodes;
using UserMgmt.Model;
using UserMgmt.Plans;
using UserMgmt.Providers;

namespace UserMgmt.Tests;

/// <summary>A plan's roles: who holds which role, read, planned against the live holders, saved and checked.</summary>
public sealed class RolePlanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("role-plans-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Role[] PlatformRoles = [new("Agent", "Agent", 10), new("Supervisor", "Supervisor", 20), new("Admin", "Admin", 30)];

    private static readonly ProviderCapabilities ChangesRoles = new() { Platform = "Roles Inc", HasRoles = true, CanChangeRoles = true };

    private static DirectorySnapshot Live(params User[] users) => DirectorySnapshot.From(users, [new Group { Id = "g1", Name = "Support" }]);

    private static User Person(string name, params string[] roles) =>
        new() { Id = name, Email = $"{name}@example.com", LastName = name, Roles = roles, Groups = name.StartsWith('s') ? ["Support"] : [] };

    private static readonly DirectorySnapshot Team = Live(Person("ann", "Admin"), Person("bo", "Agent"), Person("sue", "Agent"), Person("sid", "Agent", "Supervisor"));

    private static ReorgPlanDocument Read(string yaml)
    {
        var (document, problems) = ReorgPlanParser.Parse(yaml, "plan.yaml");
        Assert.Empty(problems);
        return document!;
    }

    private static (ReorgPlan? Plan, IReadOnlyList<PlanProblem> Problems) Plan(string yaml, DirectorySnapshot? live = null,
        ProviderCapabilities? platform = null) =>
        ReorgPlanner.Plan(Read(yaml), live ?? Team, platform ?? ChangesRoles, PlatformRoles);

    [Fact]
    public void A_role_reads_its_name_mode_and_members_with_their_positions()
    {
        var document = Read("""
            version: 1
            roles:
              - name: Supervisor
                members: exact
                include:
                  - ann@example.com
                  - memberOf: Support
              - name: Agent
                include: [bo@example.com]
            """);

        Assert.Equal(["Supervisor", "Agent"], document.Roles.Select(r => r.Name));
        Assert.Equal([MembershipMode.Exact, MembershipMode.Additive], document.Roles.Select(r => r.Mode));
        Assert.Equal(3, document.Roles[0].At.Line);
        Assert.IsType<GroupSelector>(document.Roles[0].Include[1]);
        Assert.Equal(7, document.Roles[0].Include[1].At.Line);
    }

    [Theory]
    [InlineData("roles:\n  - name: Agent\n    inclde: [bo@example.com]", 3, "Unknown key 'inclde' in a role. Did you mean 'include'?")]
    [InlineData("roles:\n  - include: [bo@example.com]", 2, "The role has no name.")]
    [InlineData("roles:\n  - name: ''", 2, "'name' needs a value.")]
    [InlineData("roles:\n  - name: Agent\n  - name: agent", 3, "Role 'Agent' is already declared at line 3.")]
    [InlineData("roles:\n  - name: Agent\n    members: all", 3, "members must be 'exact' or 'additive', not 'all'.")]
    [InlineData("roles:\n  - Agent", 2, "A role is a mapping with a name and the people who hold it under include.")]
    [InlineData("roles:\n  name: Agent", 2, "'roles' takes a list (lines starting with '- ').")]
    [InlineData("roels: []", 1, "Unknown key 'roels' in a plan. Did you mean 'roles'?")]
    public void A_bad_role_is_a_problem_at_its_line(string body, int line, string message)
    {
        var (plan, problems) = ReorgPlanParser.Parse("version: 1\n" + body, "plan.yaml");

        Assert.Null(plan);
        var problem = Assert.Single(problems);
        Assert.Equal(line + 1, problem.At.Line);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void Grants_go_to_those_without_the_role_and_an_exact_role_takes_it_from_everyone_else_after_the_grants()
    {
        var (plan, problems) = Plan("""
            version: 1
            roles:
              - name: supervisor
                members: exact
                include:
                  - memberOf: Support
                  - ann@example.com
              - name: Agent
                include: [ann@example.com, bo@example.com]
            """);

        Assert.Empty(problems);
        Assert.Equal(
            ["+ grant    ann@example.com → role Supervisor", "+ grant    sue@example.com → role Supervisor", "+ grant    ann@example.com → role Agent"],
            plan!.Changes.Where(c => c.Kind == ChangeKind.GrantRole).Select(c => c.Line));
        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.RevokeRole);
        Assert.Equal("3 roles to grant", plan.Summary);
        Assert.Equal(["Supervisor", "Agent"], plan.Roles.Keys);
    }

    [Fact]
    public void An_exact_role_revokes_it_from_holders_the_plan_leaves_out_and_asks_before_doing_so()
    {
        var (plan, _) = Plan("""
            version: 1
            roles:
              - name: Agent
                members: exact
                include: [bo@example.com, ann@example.com]
            """);

        Assert.Equal(
            ["+ grant    ann@example.com → role Agent", "- revoke   sid@example.com → role Agent", "- revoke   sue@example.com → role Agent"],
            plan!.Changes.Select(c => c.Line));
        Assert.Equal([false, true, true], plan.Changes.Select(c => c.HighImpact));
        Assert.Equal([1, 2, 3], plan.Changes.Select(c => c.Order));
        Assert.Equal("1 role to grant, 2 roles to revoke", plan.Summary);
    }

    [Fact]
    public void An_additive_role_everyone_holds_already_has_nothing_to_do()
    {
        var (plan, problems) = Plan("""
            version: 1
            roles:
              - name: Agent
                include: [{ memberOf: Support }, bo@example.com]
            """);

        Assert.Empty(problems);
        Assert.Empty(plan!.Changes);
    }

    [Fact]
    public void A_role_the_platform_does_not_have_is_a_problem_offering_the_closest_name()
    {
        var (plan, problems) = Plan("version: 1\nroles:\n  - name: Supervsor\n    include: [bo@example.com]");

        Assert.Null(plan);
        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.At.Line);
        Assert.Equal("No role is named 'Supervsor'. Did you mean 'Supervisor'?", problem.Message);
    }

    [Fact]
    public void A_platform_that_cannot_change_roles_refuses_the_plan_and_a_saved_change_of_role()
    {
        var noRoles = new ProviderCapabilities { Platform = "Fixed Co", HasRoles = true };

        var (plan, problems) = Plan("version: 1\nroles:\n  - name: Agent\n    include: [ann@example.com]", platform: noRoles);
        var saved = new PlanChange(1, ChangeKind.RevokeRole, "bo@example.com") { Role = "Agent" };

        Assert.Null(plan);
        Assert.Equal(["plan.yaml:3:5: Fixed Co cannot change who holds a role: role 'Agent' cannot be planned."], problems.Select(p => p.ToString()));
        Assert.Equal("Fixed Co cannot change who holds a role", ReorgPlanner.Refusal(saved, noRoles));
        Assert.Null(ReorgPlanner.Refusal(saved, ChangesRoles));
    }

    [Fact]
    public void A_user_the_platform_will_not_change_is_a_problem_when_named_and_a_note_when_swept_up()
    {
        var live = Live(Person("ann", "Admin"), Person("sue", "Agent"), new User { Id = "s2", Email = "sam@example.com", Groups = ["Support"], ExternallyManaged = true });

        var named = Plan("version: 1\nroles:\n  - name: Supervisor\n    include: [sam@example.com]", live);
        var swept = Plan("version: 1\nroles:\n  - name: Supervisor\n    include: [{ memberOf: Support }]", live);

        Assert.Equal(4, Assert.Single(named.Problems).At.Line);
        Assert.Equal(["+ grant    sue@example.com → role Supervisor"], swept.Plan!.Changes.Select(c => c.Line));
        Assert.StartsWith("sam@example.com is left out of role 'Supervisor':", Assert.Single(swept.Plan.Notes).Message);
    }

    [Fact]
    public void A_saved_plan_keeps_its_role_changes_and_notices_when_a_role_gains_a_holder()
    {
        var (plan, _) = Plan("version: 1\nroles:\n  - name: Supervisor\n    members: exact\n    include: [bo@example.com]");
        var path = Path.Combine(_folder, "plan.json");
        plan!.Save(path);

        var loaded = ReorgPlan.Load(path);
        var gained = Live(Person("ann", "Admin", "Supervisor"), Person("bo", "Agent"), Person("sue", "Agent"), Person("sid", "Agent", "Supervisor"));

        Assert.Equal(plan.Changes.Select(c => c.Line), loaded.Changes.Select(c => c.Line));
        Assert.Equal(plan.Roles, loaded.Roles);
        Assert.Empty(ReorgPlanner.Moved(loaded, Team));
        Assert.Equal(["role Supervisor"], ReorgPlanner.Moved(loaded, gained));
    }

    [Theory]
    [InlineData("a role change without its role")]
    [InlineData("a role change whose role has no fingerprint")]
    [InlineData("role fingerprints that are null")]
    public void A_saved_plan_with_an_edited_role_is_refused_naming_the_field(string edit)
    {
        var (plan, _) = Plan("version: 1\nroles:\n  - name: Supervisor\n    include: [bo@example.com]");
        var path = Path.Combine(_folder, "plan.json");
        plan!.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var change = json["changes"]![0]!.AsObject();
        switch (edit)
        {
            case "a role change without its role": change.Remove("role"); break;
            case "role fingerprints that are null": json["roles"] = null; break;
            default: change["role"] = "Admins"; break;
        }
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ReorgPlan.Load(path));

        Assert.Contains(edit == "role fingerprints that are null" ? "roles:" : "changes[0].role:", error.Message);
    }

    [Fact]
    public void A_saved_plan_from_before_roles_loads_with_none()
    {
        var (plan, _) = ReorgPlanner.Plan(Read("version: 1\ndisable: [bo@example.com]"), Team);
        var path = Path.Combine(_folder, "plan.json");
        plan!.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("roles");
        File.WriteAllText(path, json.ToJsonString());

        var loaded = ReorgPlan.Load(path);

        Assert.Empty(loaded.Roles);
        Assert.Equal(["- disable  bo@example.com"], loaded.Changes.Select(c => c.Line));
    }
}
