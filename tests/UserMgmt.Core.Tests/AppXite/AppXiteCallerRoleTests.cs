using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Operations;
using UserMgmt.Rest;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.AppXite;

/// <summary>
/// Where the connection is told the route of its own account (Routes.CurrentUser), an invitation giving a role heavier
/// than any the caller holds is flagged while planning: in its description, and once a command as a warning.
/// </summary>
public sealed class AppXiteCallerRoleTests : SandboxTest
{
    private const string Caller = "ada.lovelace@example.com";

    private static readonly Dictionary<string, object?> WithCurrentUser = new()
    {
        ["SubscriptionKey"] = UserMgmt.Sandbox.SandboxOptions.DemoSubscriptionKey,
        ["Routes.CurrentUser"] = "api/v2/users/me",
    };

    private void GiveCallerOnly(string role) => Sandbox.GiveOnlyRole(Caller, role);

    private static IReadOnlyList<InvitationRequest> Invitations(string role, params string[] emails) =>
        emails.Select((e, i) => new InvitationRequest(i + 1, $"row {i + 1}", e, null, SendEmail: false) { Roles = [role] }).ToList();

    private static async Task<(CommandPlan Plan, RecordingLog Log)> PlanAsync(Connections.UserMgmtConnection connection, IReadOnlyList<InvitationRequest> rows)
    {
        var log = new RecordingLog();
        using var scope = CommandScope.Begin(log);
        return (await new CommandPlanner(connection.Client).PlanInvitationsAsync(rows, default), log);
    }

    [Fact]
    public async Task A_role_heavier_than_the_callers_is_flagged_in_each_row_and_warned_of_once()
    {
        GiveCallerOnly("Agent");
        using var connection = await AppXiteConnection.OpenAsync(Sandbox, WithCurrentUser);

        var (plan, log) = await PlanAsync(connection, Invitations("Supervisor", "ann@partner.com", "bo@partner.com"));

        Assert.All(plan.Steps, s => Assert.EndsWith("as 'Supervisor' (heavier than your own 'Agent')", s.Description));
        var warning = Assert.Single(log.Lines, l => l.StartsWith("WARNING:"));
        Assert.Contains("Row 1 gives 'Supervisor' (weight 20)", warning);
        Assert.Contains("'Agent' (weight 10)", warning);
    }

    [Fact]
    public async Task A_role_no_heavier_than_the_callers_is_not_flagged()
    {
        GiveCallerOnly("Supervisor");
        using var connection = await AppXiteConnection.OpenAsync(Sandbox, WithCurrentUser);

        var (plan, log) = await PlanAsync(connection, Invitations("supervisor", "ann@partner.com"));

        Assert.EndsWith("as 'Supervisor'", Assert.Single(plan.Steps).Description);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING:"));
    }

    [Fact]
    public async Task A_caller_holding_no_role_the_platform_lists_is_told_so()
    {
        GiveCallerOnly("Nobody");
        using var connection = await AppXiteConnection.OpenAsync(Sandbox, WithCurrentUser);

        var (plan, log) = await PlanAsync(connection, Invitations("Agent", "ann@partner.com"));

        Assert.EndsWith("(heavier than any role of yours)", Assert.Single(plan.Steps).Description);
        Assert.Contains("you hold no role AppXite lists", Assert.Single(log.Lines, l => l.StartsWith("WARNING:")));
    }

    [Fact]
    public async Task Without_the_route_nothing_is_read_and_nothing_is_flagged()
    {
        GiveCallerOnly("Agent");
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);
        await Sandbox.ClearRequestLogAsync();

        var (plan, log) = await PlanAsync(connection, Invitations("Admin", "ann@partner.com"));

        Assert.EndsWith("as 'Admin'", Assert.Single(plan.Steps).Description);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING:"));
        Assert.Equal(0, await Sandbox.CallsAsync("GET", "/appxite/api/v2/users/me"));
    }

    [Theory]
    [InlineData("""{ "id": "u1", "roles": ["Supervisor"] }""")]
    [InlineData("""{ "id": "u1", "roles": ["2"] }""")]
    [InlineData("""{ "user": { "id": "u1", "roles": [{ "id": "2", "name": "Supervisor" }] } }""")]
    [InlineData("""{ "data": { "Roles": [{ "id": 2 }] }, "links": [] }""")]
    public async Task The_callers_roles_are_read_by_name_id_or_object_from_the_account_or_the_one_object_wrapping_it(string account)
    {
        await using var server = await Hostile.HostileServer.StartAsync(app =>
        {
            app.MapGet("/api/v2/users", () => Results.Json(new { items = Array.Empty<object>(), totalCount = 0 }));
            app.MapGet("/api/v2/roles", () => Results.Json(new { items = new[] { new { id = 1, name = "Agent", weight = 10 }, new { id = 2, name = "Supervisor", weight = 20 }, new { id = 3, name = "Admin", weight = 30 } } }));
            app.MapGet("/api/v2/account", () => Results.Text(account, "application/json"));
        });
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { ["Routes.CurrentUser"] = "api/v2/account" });

        var own = await connection.Client.ListCallerRolesAsync(default);

        Assert.Equal(["Supervisor"], own!.Select(r => r.Name));
    }

    [Fact]
    public async Task Role_objects_are_read_by_the_names_the_Role_options_give_for_the_caller_and_for_users()
    {
        await using var server = await Hostile.HostileServer.StartAsync(app =>
        {
            object[] held = [new { roleId = "2", roleName = "Supervisor" }];
            app.MapGet("/api/v2/users", () => Results.Json(new { items = new[] { new { id = "u1", email = "ann@partner.com", roles = held } }, totalCount = 1 }));
            app.MapGet("/api/v2/roles", () => Results.Json(new { items = new[] { new { roleId = "1", roleName = "Agent", weight = 10 }, new { roleId = "2", roleName = "Supervisor", weight = 20 } } }));
            app.MapGet("/api/v2/account", () => Results.Json(new { id = "u1", roles = held }));
        });
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>
        {
            ["Routes.CurrentUser"] = "api/v2/account",
            ["Role"] = new System.Collections.Hashtable { ["Id"] = "roleId", ["Name"] = "roleName" },
        });

        var own = await connection.Client.ListCallerRolesAsync(default);
        var users = await connection.Client.ListUsersAsync(null, 0, 10, default);

        Assert.Equal(["Supervisor"], own!.Select(r => r.Name));
        Assert.Equal(["Supervisor"], users.Users.Single().Roles);
    }

    [Fact]
    public async Task A_current_user_route_whose_answer_holds_no_roles_fails_the_connect_naming_the_option()
    {
        var options = new Dictionary<string, object?>(WithCurrentUser) { ["User.Roles"] = "permissions" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppXiteConnection.OpenAsync(Sandbox, options));

        Assert.Contains("User.Roles", error.Message);
        Assert.Contains("Routes.CurrentUser", error.Message);
    }
}
