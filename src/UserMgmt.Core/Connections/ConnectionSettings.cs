using UserMgmt.Rest;

namespace UserMgmt.Connections;

/// <summary>Everything needed to open a connection to one platform tenant.</summary>
public sealed record ConnectionSettings
{
    /// <summary>A provider's name in the registry (any case).</summary>
    public required string Provider { get; init; }
    public required Uri BaseUri { get; init; }
    public required ApiCredential Credential { get; init; }
    public bool AllowInsecureHttp { get; init; }
    /// <summary>Provider-specific options by name; checked against what the provider declares when connecting.</summary>
    public IReadOnlyDictionary<string, object?>? ProviderOptions { get; init; }
    /// <summary>Retries and timeouts for every command on this connection, unless a command sets its own.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
