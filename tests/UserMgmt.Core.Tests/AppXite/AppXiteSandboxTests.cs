using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.AppXite;

/// <summary>
/// AppXite against the sandbox's emulation at the provider's default routes: roles by weight, identity providers, and
/// invitations of many people into many organisations, one call per distinct set of terms, names resolved while planning.
/// </summary>
public sealed class AppXiteSandboxTests : SandboxTest
{
    private const string InviteRoute = "/appxite/api/v2/users/invite";

    [Fact]
    public async Task Roles_come_by_weight_and_identity_providers_with_the_disabled_one()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);

        var roles = await connection.Client.ListRolesAsync(default);
        var providers = await connection.Client.ListIdentityProvidersAsync(default);

        Assert.Equal(["Agent", "Supervisor", "Admin"], roles.Select(r => r.Name));
        Assert.Equal([10, 20, 30], roles.Select(r => r.Weight));
        Assert.Contains(providers, p => p is { Name: "Legacy SSO", Prefix: "legacy", Enabled: false });
        Assert.Contains(providers, p => p is { Name: "Azure AD", Enabled: true });
    }

    [Fact]
    public async Task Three_people_are_invited_into_two_organisations_with_a_role_and_a_sign_in_in_one_call()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);
        await Sandbox.ClearRequestLogAsync();
        string[] people = ["ann@partner.com", "bo@partner.com", "cy@partner.com"];

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            people.Select((e, i) => Invitation(i + 1, e, ["Supervisor"], ["org-contoso", "org-fabrikam"], "aad")).ToList(), default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", InviteRoute));
        foreach (var email in people)
        {
            Assert.Equal(["org-contoso", "org-fabrikam"], Organizations(email));
            Assert.Equal(["Supervisor"], Roles(email));
        }
    }

    [Fact]
    public async Task Invitations_go_as_many_to_a_call_as_the_batch_size_option_says_and_say_their_terms()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox, new Dictionary<string, object?>
        {
            ["SubscriptionKey"] = SandboxOptions.DemoSubscriptionKey, ["Invite.BatchSize"] = "40",
        });
        var emails = Enumerable.Range(1, 100).Select(i => $"hire{i}@partner.com").ToList();
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            emails.Select((e, i) => Invitation(i + 1, e, ["Agent"], ["org-contoso"], "Azure AD")).ToList(), default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal("invited into organisation(s) 'org-contoso' as 'Agent' signing in through 'Azure AD'", results[0].Message);
        Assert.Equal(3, await Sandbox.CallsAsync("POST", InviteRoute));
        Assert.All(emails, e => Assert.Equal(1, Sandbox.CountUsers(e)));
    }

    [Fact]
    public async Task Rows_with_different_terms_go_in_one_call_per_set()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
        [
            Invitation(1, "a1@partner.com", ["Agent"], ["org-contoso"], null),
            Invitation(2, "a2@partner.com", ["Admin"], ["org-contoso"], null),
            Invitation(3, "a3@partner.com", ["agent"], ["org-contoso"], null),
            Invitation(4, "a4@partner.com", ["Admin"], ["org-contoso"], null),
        ], default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(2, await Sandbox.CallsAsync("POST", InviteRoute));
        Assert.Equal(["Admin"], Roles("a4@partner.com"));
    }

    [Theory]
    [InlineData("Supervisr", null, "has no role 'Supervisr'. Did you mean 'Supervisor'?")]
    [InlineData(null, "Azure", "has no identity provider 'Azure'.")]
    [InlineData(null, "legacy", "The identity provider 'Legacy SSO' is disabled on AppXite")]
    public async Task A_misspelt_role_or_a_disabled_identity_provider_fails_its_row_while_planning_and_nothing_is_sent(string? role, string? idp, string expected)
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            [Invitation(1, "dee@partner.com", role is null ? [] : [role], [], idp)], default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Contains(expected, result.Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task An_unknown_organisation_fails_the_rows_of_its_call_with_the_platform_naming_it()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync([Invitation(1, "eve@partner.com", [], ["org-nowhere"], null)], default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Contains("org-nowhere", result.Message);
        Assert.Equal(0, Sandbox.CountUsers("eve@partner.com"));
    }

    [Fact]
    public async Task Someone_registered_is_granted_a_new_organisation_and_a_rerun_skips_them()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);
        const string ada = "ada.lovelace@example.com";

        var first = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync([Invitation(1, ada, [], ["org-contoso"], null)], default));
        await Sandbox.ClearRequestLogAsync();
        var again = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync([Invitation(1, ada, [], ["org-contoso"], null)], default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(first).Status);
        Assert.Equal(["org-contoso", "org-northwind"], Organizations(ada));
        Assert.Equal(OperationStatus.Skipped, Assert.Single(again).Status);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task Someone_registered_without_the_role_and_no_new_organisation_fails_saying_so_and_nothing_is_sent()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
        [
            Invitation(1, "ada.lovelace@example.com", ["Admin"], [], null),
            Invitation(2, "ben.okafor@example.com", ["Supervisor"], ["org-northwind"], null),
        ], default));

        Assert.Equal([OperationStatus.Skipped, OperationStatus.Failed], results.Select(r => r.Status));
        Assert.Contains("without 'Supervisor'", results[1].Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task Users_show_their_account_state_and_organisations()
    {
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);

        var page = await connection.Client.ListUsersAsync(null, 0, 100, default);

        Assert.True(page.ReadToTotal);
        Assert.Equal(Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single(), page.Total);
        Assert.Contains(page.Users, u => u.Status == Model.UserStatus.Invited);
        Assert.Contains(page.Users, u => u.Status == Model.UserStatus.Inactive);
        Assert.All(page.Users.Where(u => u.Email.EndsWith("@example.com") && u.Email != "scim.sync@example.com"), u => Assert.Equal(["org-northwind"], u.Organizations));
    }

    [Fact]
    public async Task A_page_larger_than_the_platform_takes_is_read_in_pages_it_does_take()
    {
        Sandbox.AddUsers(260);
        using var connection = await AppXiteConnection.OpenAsync(Sandbox);

        // The sandbox refuses a pageSize above 100 with a 400, as the platform may.
        var first = await connection.Client.ListUsersAsync(null, 0, 250, default);
        var rest = await connection.Client.ListUsersAsync(null, 250, 250, default);

        var everyone = Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single();
        Assert.Equal(250, first.Users.Count);
        Assert.Equal(everyone - 250, rest.Users.Count);
        Assert.Equal(everyone, first.Users.Concat(rest.Users).Select(u => u.Id).Distinct().Count());
    }

    private static InvitationRequest Invitation(int row, string email, string[] roles, string[] organizations, string? idp) =>
        new(row, $"row {row}", email, null, SendEmail: false) { Roles = roles, Organizations = organizations, IdentityProvider = idp };

    private SortedSet<string> Organizations(string email) => new(Sandbox.Query(
        "SELECT organization_id FROM user_organizations uo JOIN users u ON u.id = uo.user_id WHERE u.email = @e", r => r.GetString(0), ("@e", email)), StringComparer.Ordinal);

    private SortedSet<string> Roles(string email) => new(Sandbox.Query(
        "SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id JOIN users u ON u.id = ur.user_id WHERE u.email = @e", r => r.GetString(0), ("@e", email)), StringComparer.Ordinal);
}

/// <summary>Connecting to the sandbox's AppXite as a user would: the bearer token, and the subscription key as a provider option.</summary>
public static class AppXiteConnection
{
    public static Task<UserMgmtConnection> OpenAsync(LocalSandbox sandbox, IReadOnlyDictionary<string, object?>? options = null) =>
        OpenAsync(new Uri(sandbox.BaseUri, "appxite/"), SandboxOptions.DemoSecretKey, options ?? new Dictionary<string, object?> { ["SubscriptionKey"] = SandboxOptions.DemoSubscriptionKey });

    public static Task<UserMgmtConnection> OpenAsync(Uri baseUri, string token, IReadOnlyDictionary<string, object?> options) =>
        UserMgmtConnection.OpenAsync(new ConnectionSettings
        {
            Provider = "AppXite",
            BaseUri = baseUri,
            Credential = TestSandbox.Credential("", token),
            ProviderOptions = options,
            Retry = TestSandbox.QuickRetry,
        }, CancellationToken.None);
}
