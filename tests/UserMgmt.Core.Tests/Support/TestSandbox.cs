using System.Security;
using UserMgmt.Connections;
using UserMgmt.Rest;
using UserMgmt.Sandbox;

namespace UserMgmt.Tests.Support;

/// <summary>A sandbox of the test's own, with connections to it opened through the engine.</summary>
public sealed class TestSandbox : LocalSandbox
{
    private TestSandbox(SandboxHost host, string directory) : base(host, directory)
    {
    }

    public static new async Task<TestSandbox> StartAsync()
    {
        var (host, directory) = await StartHostAsync();
        return new TestSandbox(host, directory);
    }

    public static ApiCredential Credential(string accessKey = SandboxOptions.DemoAccessKey, string secretKey = SandboxOptions.DemoSecretKey)
    {
        var secret = new SecureString();
        foreach (var c in secretKey) secret.AppendChar(c);
        return new ApiCredential(accessKey, secret);
    }

    /// <summary>Retries as in production, but with short waits so tests stay fast.</summary>
    public static readonly RetryPolicy QuickRetry = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    public ConnectionSettings Settings(ApiCredential? credential = null, IReadOnlyDictionary<string, object?>? options = null,
        string provider = "Acceldata") => new()
    {
        Provider = provider,
        BaseUri = BaseUri,
        Credential = credential ?? Credential(),
        ProviderOptions = options,
        Retry = QuickRetry,
    };

    public Task<UserMgmtConnection> ConnectAsync(IReadOnlyDictionary<string, object?>? options = null) =>
        UserMgmtConnection.OpenAsync(Settings(options: options), CancellationToken.None);

    /// <summary>Connected as the vendor says: the tenant's subdomain as user name, the api user's token as password.</summary>
    public Task<UserMgmtConnection> ConnectCcaiAsync() =>
        UserMgmtConnection.OpenAsync(Settings(Credential(SandboxOptions.DemoCcaiSubdomain), provider: "Ccai"), CancellationToken.None);
}
