using UserMgmt.Connections;

namespace UserMgmt.Providers.AppXite;

/// <summary>AppXite's partner APIs: a bearer token, an optional subscription key, and routes and names from a map a user can change.</summary>
internal sealed class AppXiteDescriptor : ProviderDescriptor
{
    public override string Name => "AppXite";

    public override IReadOnlyList<AuthenticationKind> Authentication { get; } = [AuthenticationKind.BearerToken];

    public override ProviderCapabilities Capabilities => AppXiteProvider.PlatformCapabilities;

    public override IReadOnlyList<ProviderOption> Options => AppXiteApiMap.Options;

    /// <summary>The token is the secret: -SecretKey alone, or a credential whose password it is (its user name is not sent).</summary>
    public override ApiCredential SignInCredential(ApiCredential given, Uri baseUri) => given;

    public override IUserProvider Create(ConnectionSettings settings, ProviderOptions options) => new AppXiteProvider(settings, options);
}
