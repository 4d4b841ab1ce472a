using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// An options file named relative to where the session is, as the AppXite page shows (<c>OptionsFile = './appxite.yaml'</c>),
/// is read from there, not from wherever the process happened to start.
/// </summary>
public sealed class AppXiteOptionsFilePathTests : ModuleTest
{
    protected override string? Provider => null;

    [Fact]
    public void A_relative_options_file_is_read_from_the_session_location()
    {
        var folder = Directory.CreateTempSubdirectory("appxite-options-");
        File.WriteAllText(Path.Combine(folder.FullName, "appxite.yaml"), "Routes: { Users: api/v2/users }\nApiKeyHeader: Ocp-Apim-Subscription-Key\n");
        try
        {
            var run = Shell.Run("""
                $null = $ExecutionContext.SessionState.Path.SetLocation($folder)
                $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
                Connect-UserMgmt -Provider AppXite -BaseUri $uri -SecretKey $token `
                    -ProviderOption @{ OptionsFile = './appxite.yaml'; SubscriptionKey = $subscription } -MaxRetry 0
                """, ("folder", folder.FullName), ("uri", new Uri(Sandbox.BaseUri, "appxite/").ToString()),
                ("secret", SandboxOptions.DemoSecretKey), ("subscription", SandboxOptions.DemoSubscriptionKey));

            Assert.Empty(run.Errors.Select(e => e.ToString()));
            Assert.Single(run.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_options_file_on_a_drive_that_does_not_exist_is_refused_as_a_provider_option()
    {
        var run = Shell.Run("""
            $token = [System.Net.NetworkCredential]::new('', 'token-abc-123').SecurePassword
            Connect-UserMgmt -Provider AppXite -BaseUri $uri -SecretKey $token -ProviderOption @{ OptionsFile = 'nosuchdrive:/appxite.yaml' } -MaxRetry 0
            """, ("uri", new Uri(Sandbox.BaseUri, "appxite/").ToString()));

        Assert.Equal("UserMgmt.InvalidProviderOption", Assert.Single(run.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }
}
