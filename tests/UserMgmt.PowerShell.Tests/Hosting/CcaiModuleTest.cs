using System.Management.Automation;
using UserMgmt.Sandbox;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>A session connected to the sandbox's CCAI Platform API, as its users connect: with a PSCredential.</summary>
public abstract class CcaiModuleTest : ModuleTest
{
    protected override string? Provider => null;

    // The vendor's Basic credential: the tenant's subdomain as user name, the api user's token as password.
    protected PSCredential DemoCredential { get; } = new(SandboxOptions.DemoCcaiSubdomain,
        new System.Net.NetworkCredential("", SandboxOptions.DemoSecretKey).SecurePassword);

    protected Invocation ConnectCcai() => Shell.Run(
        "Connect-UserMgmt -Provider Ccai -BaseUri $uri -Credential $credential -MaxRetry 2 -RetryDelay 0.01",
        ("uri", Sandbox.BaseUri.ToString()), ("credential", DemoCredential));
}
