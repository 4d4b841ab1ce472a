using System.Management.Automation;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// The providers every scenario runs against, each connected as its users connect: -Provider and a
/// -Credential whose user name is the key and whose password is the secret. A provider joins the
/// scenarios by one line in <see cref="All"/>.
/// </summary>
public static class ProviderSession
{
    public static TheoryData<string> All => new()
    {
        "Acceldata",
        "Ccai",
        ThirdPartyProvider.Name,
    };

    /// <summary>The user name a provider's users give: CCAI takes the tenant's subdomain, the others the access key.</summary>
    public static string UserName(string? provider) => provider == "Ccai" ? SandboxOptions.DemoCcaiSubdomain : SandboxOptions.DemoAccessKey;

    public static Invocation Connect(PowerShellSession shell, LocalSandbox sandbox, string provider)
    {
        var secret = new System.Net.NetworkCredential("", SandboxOptions.DemoSecretKey).SecurePassword;
        var credential = new PSCredential(UserName(provider), secret);
        return shell.Run("$null = Connect-UserMgmt -Provider $provider -BaseUri $uri -Credential $credential -MaxRetry 2 -RetryDelay 0.01",
            ("provider", provider), ("uri", sandbox.BaseUri.ToString()), ("credential", credential));
    }
}
