using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// Every test gets a sandbox of its own and a PowerShell session with UserMgmt imported and connected
/// to it, as a user's would be after Connect-UserMgmt.
/// </summary>
public abstract class ModuleTest : IAsyncLifetime
{
    protected LocalSandbox Sandbox { get; private set; } = null!;
    protected PowerShellSession Shell { get; private set; } = null!;

    /// <summary>The provider the session connects to; null to leave it unconnected.</summary>
    protected virtual string? Provider => "Acceldata";

    public async Task InitializeAsync()
    {
        Sandbox = await LocalSandbox.StartAsync();
        Shell = PowerShellSession.Start();
        if (Provider is { } provider) Connect(provider).ThrowIfFailed();
    }

    protected Invocation Connect(string provider) => Shell.Run("""
        # ConvertTo-SecureString is not in the hosted engine; a NetworkCredential makes the same SecureString.
        $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
        $null = Connect-UserMgmt -Provider $provider -BaseUri $uri -AccessKey $accessKey -SecretKey $secret -MaxRetry 2 -RetryDelay 0.01
        """, ("provider", provider), ("uri", Sandbox.BaseUri.ToString()), ("accessKey", ProviderSession.UserName(provider)),
        ("secretKey", SandboxOptions.DemoSecretKey));

    public virtual async Task DisposeAsync()
    {
        Shell.Dispose();
        await Sandbox.DisposeAsync();
    }
}
