using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Connections;

/// <summary>An open, verified connection to one tenant. What users see of it holds no secret.</summary>
public sealed class UserMgmtConnection : IDisposable
{
    private UserMgmtConnection(ConnectionSettings settings, ProviderDescriptor descriptor, IUserProvider provider)
    {
        Provider = descriptor.Name;
        Platform = descriptor.Platform;
        BaseUri = settings.BaseUri;
        UserName = settings.Credential.UserName;
        Retry = settings.Retry;
        Client = provider;
    }

    public Guid Id { get; } = Guid.NewGuid();
    /// <summary>The provider's name in the registry.</summary>
    public string Provider { get; }

    /// <summary>The platform's name as users know it, for messages.</summary>
    public string Platform { get; }
    public Uri BaseUri { get; }
    public string UserName { get; }
    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.Now;

    /// <summary>Retries and timeouts commands use unless they set their own.</summary>
    public RetryPolicy Retry { get; }

    /// <summary>The provider that speaks this platform's API.</summary>
    public IUserProvider Client { get; }

    /// <summary>Opens the connection and proves the credentials with one cheap read.</summary>
    public static async Task<UserMgmtConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        BaseUriPolicy.Validate(settings.BaseUri, settings.AllowInsecureHttp);
        var descriptor = ProviderRegistry.Get(settings.Provider);
        settings = settings with { Credential = descriptor.SignInCredential(settings.Credential, settings.BaseUri) };
        var options = ProviderOptions.Resolve(descriptor, settings.ProviderOptions);
        var provider = descriptor.Create(settings, options);
        try
        {
            await provider.VerifyAsync(cancellationToken);
            return new UserMgmtConnection(settings, descriptor, provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose() => Client.Dispose();

    public override string ToString() => $"{Provider} {BaseUri} as {UserName}";
}
