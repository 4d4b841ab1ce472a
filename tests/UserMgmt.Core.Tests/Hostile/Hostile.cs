using UserMgmt.Connections;
using UserMgmt.Providers;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Hostile;

/// <summary>Clients of a <see cref="HostileServer"/>, signed with a secret that every encoding changes.</summary>
public static class Hostile
{
    public const string AccessKey = "hostile-access-key";

    /// <summary>Has characters that JSON, URL, HTML and Base64 each write differently.</summary>
    public const string Secret = "s3cr+t/Key=&<x>\"q'~9Zp";

    public static ConnectionSettings Settings(HostileServer server, string provider = "Acceldata") => new()
    {
        Provider = provider,
        BaseUri = server.BaseUri,
        Credential = TestSandbox.Credential(AccessKey, Secret),
        Retry = TestSandbox.QuickRetry,
    };

    /// <summary>The provider alone, without the connection's first read, so a test maps only the routes it is about.</summary>
    public static IUserProvider Client(HostileServer server, string provider = "Acceldata") =>
        ProviderRegistry.Get(provider).Create(Settings(server, provider), ProviderOptions.Resolve(ProviderRegistry.Get(provider), null));

    /// <summary>
    /// A safety net, not a measurement: cancels work that would otherwise hang the run, which then
    /// fails on the cancellation instead of the outcome it expected.
    /// </summary>
    public static CancellationToken Patience() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
