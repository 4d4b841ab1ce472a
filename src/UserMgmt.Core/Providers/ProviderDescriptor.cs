using UserMgmt.Connections;

namespace UserMgmt.Providers;

/// <summary>How a platform proves who is calling; informs help and completion, the credential itself is always an <see cref="ApiCredential"/>.</summary>
public enum AuthenticationKind
{
    /// <summary>An access key and a secret key, sent as the platform's own headers.</summary>
    KeyPair,
    /// <summary>A user name and password (or token) sent as HTTP Basic.</summary>
    Basic,
    /// <summary>A token sent as <c>Authorization: Bearer</c>.</summary>
    BearerToken,
}

/// <summary>
/// Everything the module knows about one platform, declared in the provider's own folder and
/// registered once in <see cref="ProviderRegistry"/>: nothing else names a provider.
/// </summary>
public abstract class ProviderDescriptor
{
    /// <summary>What <c>Connect-UserMgmt -Provider</c> takes (any case).</summary>
    public abstract string Name { get; }

    public abstract IReadOnlyList<AuthenticationKind> Authentication { get; }

    /// <summary>What the platform can change; also what its providers report.</summary>
    public abstract ProviderCapabilities Capabilities { get; }

    /// <summary>The options <c>Connect-UserMgmt -ProviderOption</c> takes for this platform.</summary>
    public virtual IReadOnlyList<ProviderOption> Options => [];

    /// <summary>The platform's name as users know it, for messages.</summary>
    public string Platform => Capabilities.Platform;

    /// <summary>
    /// The credential to sign in with, completed from the base address where the platform says how; the one
    /// given by default. Refuses one that cannot sign in with an <see cref="IncompleteCredentialException"/>.
    /// </summary>
    public virtual ApiCredential SignInCredential(ApiCredential given, Uri baseUri) => !string.IsNullOrWhiteSpace(given.UserName)
        ? given
        : throw new IncompleteCredentialException($"{Platform} signs in with a key and its secret, and no key was given: give it as -AccessKey or as the credential's user name.");

    /// <summary>A provider for one connection; the options are already checked and defaulted.</summary>
    public abstract IUserProvider Create(ConnectionSettings settings, ProviderOptions options);

    public override string ToString() => Name;
}
