using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// Get-User on AppXite writes users under a type name of its own (for the organisations table). Piped alone into any
/// cmdlet, such a user must bind and be treated exactly as the same user without that type name, and change nothing.
/// </summary>
public sealed class AppXiteTaggedUserPipelineTests : ModuleTest
{
    protected override string? Provider => null;

    private const string Ada = "ada.lovelace@example.com";

    public static TheoryData<string> Cmdlets => new()
    {
        "Invite-User", "Remove-UserGroup", "Add-UserGroup", "Set-UserAttribute", "Disable-User", "Enable-User", "Get-User",
        "Start-BulkJob", "Invoke-ReorgPlan", "New-ReorgPlan",
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public async Task A_tagged_user_piped_alone_changes_nothing_and_binds_as_an_untagged_one(string cmdlet)
    {
        Shell.Run("""
            $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
            $key = [System.Net.NetworkCredential]::new('', $subscription).SecurePassword
            $null = Connect-UserMgmt -Provider AppXite -BaseUri $uri -SecretKey $token -ProviderOption @{ SubscriptionKey = $key } -MaxRetry 2 -RetryDelay 0.01
            """, ("uri", new Uri(Sandbox.BaseUri, "appxite/").ToString()), ("secret", SandboxOptions.DemoSecretKey),
            ("subscription", SandboxOptions.DemoSubscriptionKey)).ThrowIfFailed();
        var tagged = Shell.Run("Get-User -User $email", ("email", Ada)).ThrowIfFailed().Output.Single();
        Assert.Equal("UserMgmt.Model.User#Organizations", tagged.TypeNames[0]);
        var plain = tagged.BaseObject;
        await Sandbox.ClearRequestLogAsync();

        var fromTagged = Run(cmdlet, tagged);
        var fromPlain = Run(cmdlet, plain);

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal(fromPlain, fromTagged);
    }

    private string Run(string cmdlet, object item)
    {
        Shell.Host.Answers.Clear();
        for (var i = 0; i < 10; i++) Shell.Host.Answers.Enqueue("N");
        var run = Shell.Run("$input | & $cmdlet -WarningAction SilentlyContinue", [item], ("cmdlet", cmdlet));
        return string.Join("\n", run.Output.Select(o => $"{o.BaseObject.GetType().Name} {o.Properties["Status"]?.Value} {o.Properties["Message"]?.Value} {o.Properties["Email"]?.Value}")
            .Concat(run.Errors.Select(e => $"error {e.FullyQualifiedErrorId}: {e}"))
            .Append($"stopped: {run.Stopped?.Message}"));
    }
}
