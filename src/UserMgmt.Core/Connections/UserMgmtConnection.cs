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
        Groups = new KnownGroups(provider);
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

    /// <summary>The platform's groups as last read on this connection, which commands reuse for a while.</summary>
    internal KnownGroups Groups { get; }

    /// <summary>Opens the connection, proves the credentials with one cheap read, and reads what commands start from.</summary>
    public static async Task<UserMgmtConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        BaseUriPolicy.Validate(settings.BaseUri, settings.AllowInsecureHttp);
        // Masking text this short would mask it wherever it occurs in any output; no real key is so short.
        if (settings.Credential.SecretLength > 0 && settings.Credential.SecretLengthTrimmed < SecretRedactor.ShortestSecret)
            throw new ArgumentException($"The secret key is shorter than {SecretRedactor.ShortestSecret} characters, too short to be a key or to keep out of output; give the whole key.");
        var descriptor = ProviderRegistry.Get(settings.Provider);
        settings = settings with { Credential = descriptor.SignInCredential(settings.Credential, settings.BaseUri) };
        var options = ProviderOptions.Resolve(descriptor, settings.ProviderOptions);
        var provider = descriptor.Create(settings, options);
        try
        {
            await provider.VerifyAsync(cancellationToken);
            var connection = new UserMgmtConnection(settings, descriptor, provider);
            await connection.WarmAsync(cancellationToken);
            return connection;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How many users the platform counted when the connection opened, where it counts them. It only ever chooses
    /// between ways of reading (look the named users up, or read every page); what is true is always read.
    /// </summary>
    internal int? CountedUsers { get; private set; }

    /// <summary>
    /// Reads at connect what commands start from: the groups (for completion, and for planning commands that find
    /// nothing to change) and the size of the directory (to choose how users are read). Neither is needed to connect,
    /// so a platform that refuses them now says so to the command that needs them.
    /// </summary>
    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Groups.ReadAsync(cancellationToken);
            if (!Client.Capabilities.CountsUsers) return;
            var page = await Client.ListUsersAsync(null, 0, 1, cancellationToken);
            if (page.ReadToTotal) CountedUsers = page.Total;
        }
        catch (ApiException)
        {
        }
    }

    public void Dispose() => Client.Dispose();

    public override string ToString() => $"{Provider} {BaseUri} as {UserName}";
}
