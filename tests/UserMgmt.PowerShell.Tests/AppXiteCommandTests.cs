using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Coverage;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// AppXite in a real PowerShell session against the sandbox: spreadsheet rows with Role, Organizations and Idp columns
/// invited in one call per set of terms, previewed with nothing sent, misspelt names failing their own rows, and our own
/// output piped back changing nothing.
/// </summary>
public sealed class AppXiteCommandTests : ModuleTest
{
    private const string Invite = "/appxite/api/v2/users/invite";

    protected override string? Provider => null;

    private void ConnectAppXite(string currentUser = "") => Shell.Run("""
        $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
        $key = [System.Net.NetworkCredential]::new('', $subscription).SecurePassword
        $options = @{ SubscriptionKey = $key }
        if ($me) { $options.Routes = @{ CurrentUser = $me } }
        $null = Connect-UserMgmt -Provider AppXite -BaseUri $uri -SecretKey $token -ProviderOption $options -MaxRetry 2 -RetryDelay 0.01
        """, ("uri", new Uri(Sandbox.BaseUri, "appxite/").ToString()), ("secret", SandboxOptions.DemoSecretKey),
        ("subscription", SandboxOptions.DemoSubscriptionKey), ("me", currentUser)).ThrowIfFailed();

    [Fact]
    public void The_user_table_shows_organisations_and_roles_where_there_are_no_groups()
    {
        ConnectAppXite();

        var users = Shell.Run("Get-User -User ada.lovelace@example.com; Get-User -User ben.okafor@example.com | Out-Host").ThrowIfFailed();

        Assert.Equal("UserMgmt.Model.User#Organizations", users.Output[0].TypeNames[0]);
        // Without the terminal's colours: the table as text.
        var printed = System.Text.RegularExpressions.Regex.Replace(Shell.Host.Printed, "\u001b\\[[0-9;]*m", "").Split('\n');
        var header = printed.First(l => l.Contains("Email"));
        Assert.Equal(["Email", "Name", "Status", "Organizations", "Roles"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(printed, l => l.Contains("ben.okafor@example.com") && l.Contains("org-northwind") && l.Contains("Agent"));
    }

    [Fact]
    public async Task A_role_heavier_than_the_callers_own_is_flagged_in_the_preview_and_warned_of_once()
    {
        // The demo token's account, the first demo person, holding only the lightest role.
        Sandbox.GiveOnlyRole("ada.lovelace@example.com", "Agent");
        ConnectAppXite(currentUser: "api/v2/users/me");
        var rows = CsvRows.From("""
            Email,Roles
            nia@partner.com,Supervisor
            omar@partner.com,supervisor
            pia@partner.com,Agent
            """);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Invite-User -WhatIf", rows).ThrowIfFailed();

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal(["WhatIf", "WhatIf", "WhatIf"], Statuses(preview));
        Assert.Contains("(heavier than your own 'Agent')", Message(preview, 1));
        Assert.Contains("(heavier than your own 'Agent')", Message(preview, 2));
        Assert.DoesNotContain("heavier", Message(preview, 3));
        var warning = Assert.Single(preview.Warnings);
        Assert.Contains("Row 1 gives 'Supervisor' (weight 20)", warning.Message);
    }

    [Fact]
    public async Task Spreadsheet_rows_with_roles_organisations_and_identity_providers_are_previewed_then_invited_one_call_per_set()
    {
        ConnectAppXite();
        var rows = CsvRows.From("""
            Email,FirstName,LastName,Roles,Organizations,Idp
            nia@partner.com,Nia,Obi,Supervisor,org-contoso; org-fabrikam,aad
            omar@partner.com,Omar,Aziz,supervisor,org-fabrikam;org-contoso,Azure AD
            pia@partner.com,Pia,Berg,Agent,org-contoso,account
            quin@partner.com,Quin,Ray,Supervisr,org-contoso,account
            """);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Invite-User -WhatIf", rows);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var run = Shell.Run("$input | Invite-User", rows);

        Assert.Equal(["WhatIf", "WhatIf", "WhatIf", "Failed"], Statuses(preview));
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded", "Failed"], Statuses(run));
        Assert.Contains("Did you mean 'Supervisor'?", Message(run, 4));
        Assert.Equal(2, await Sandbox.CallsAsync("POST", Invite));
        Assert.Equal(["org-contoso", "org-fabrikam"], Organizations("omar@partner.com"));
        Assert.Equal(0, Sandbox.CountUsers("quin@partner.com"));
    }

    [Fact]
    [Covers("Get-Role")]
    [Covers("Get-IdentityProvider")]
    public void Roles_come_lightest_first_and_only_enabled_identity_providers_when_asked()
    {
        ConnectAppXite();

        var roles = Shell.Run("Get-Role").ThrowIfFailed();
        var enabled = Shell.Run("Get-IdentityProvider -Enabled").ThrowIfFailed();
        var missing = Shell.Run("Get-Role Nobody, Admin");

        Assert.Equal(["Agent", "Supervisor", "Admin"], roles.Output.Select(r => r.Text("Name")));
        Assert.DoesNotContain("Legacy SSO", enabled.Output.Select(p => p.Text("Name")));
        Assert.Equal(["Admin"], missing.Output.Select(r => r.Text("Name")));
        Assert.Contains(missing.Errors, e => e.ToString().Contains("'Nobody'"));
    }

    [Fact]
    public async Task Our_own_output_piped_back_with_no_arguments_sends_nothing()
    {
        ConnectAppXite();
        await Sandbox.ClearRequestLogAsync();

        Shell.Run("Get-User -User ada.lovelace@example.com | Invite-User -ErrorAction SilentlyContinue");
        Shell.Run("Get-User -User ada.lovelace@example.com | Remove-UserGroup -Confirm:$false -ErrorAction SilentlyContinue");
        Shell.Run("Get-User -User ada.lovelace@example.com | Disable-User -Confirm:$false -ErrorAction SilentlyContinue");
        Shell.Run("Get-Role | Invite-User -ErrorAction SilentlyContinue");

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal(["org-northwind"], Organizations("ada.lovelace@example.com"));
    }

    [Fact]
    public void A_field_name_the_answers_do_not_use_stops_Connect_with_a_clear_error()
    {
        var connect = Shell.Run("""
            $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
            Connect-UserMgmt -Provider AppXite -BaseUri $uri -SecretKey $token -ProviderOption @{ SubscriptionKey = $key; User = @{ Id = 'userGuid' } }
            """, ("uri", new Uri(Sandbox.BaseUri, "appxite/").ToString()), ("secret", SandboxOptions.DemoSecretKey), ("key", SandboxOptions.DemoSubscriptionKey));

        var error = Assert.Single(connect.Errors);
        Assert.StartsWith("UserMgmt.UnreadableAnswer", error.FullyQualifiedErrorId);
        Assert.Contains("set the User.Id option", error.Exception.Message);
        Assert.DoesNotContain(SandboxOptions.DemoSubscriptionKey, error.ToString());
    }

    [Fact]
    public void A_platform_without_roles_says_so()
    {
        Connect("Acceldata").ThrowIfFailed();

        var roles = Shell.Run("Get-Role");

        Assert.Empty(roles.Output);
        Assert.Contains(roles.Errors, e => e.ToString().Contains("has no roles"));
    }

    private static List<string?> Statuses(Invocation run) =>
        run.Output.OrderBy(o => (int)o.Properties["Row"].Value).Select(o => o.Properties["Status"].Value?.ToString()).ToList();

    private static string? Message(Invocation run, int row) =>
        run.Output.Single(o => (int)o.Properties["Row"].Value == row).Properties["Message"].Value?.ToString();

    private SortedSet<string> Organizations(string email) => new(Sandbox.Query(
        "SELECT organization_id FROM user_organizations uo JOIN users u ON u.id = uo.user_id WHERE u.email = @e", r => r.GetString(0), ("@e", email)), StringComparer.Ordinal);
}
