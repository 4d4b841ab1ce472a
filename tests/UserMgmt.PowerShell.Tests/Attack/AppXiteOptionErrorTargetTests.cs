using System.Collections;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// A refused provider option must not keep the options table as the error's target: it holds the subscription key as
/// typed, and Get-Error or $Error[0].TargetObject would show it.
/// </summary>
public sealed class AppXiteOptionErrorTargetTests : ModuleTest
{
    private const string Key = "sub-Key-7f3a9c";

    protected override string? Provider => null;

    [Fact]
    public void A_misspelt_option_beside_a_plain_subscription_key_leaves_the_key_out_of_the_error()
    {
        var run = Shell.Run("""
            $token = [System.Net.NetworkCredential]::new('', 'token-abc-123').SecurePassword
            Connect-UserMgmt -Provider AppXite -BaseUri $uri -SecretKey $token -ProviderOption @{ SubscriptionKey = $key; Routes = @{ Userz = 'x' } }
            """, ("uri", new Uri(Sandbox.BaseUri, "appxite/").ToString()), ("key", Key));

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("UserMgmt.InvalidProviderOption,", error.FullyQualifiedErrorId);
        Assert.False(error.TargetObject is IDictionary table && table.Values.Cast<object?>().Any(v => v?.ToString() == Key));
    }
}
