using UserMgmt.Connections;

namespace UserMgmt.Providers.Scim;

/// <summary>Any SCIM 2.0 service: a bearer token, and features read from the service itself when connecting.</summary>
internal sealed class ScimDescriptor : ProviderDescriptor
{
    public override string Name => "Scim";

    public override IReadOnlyList<AuthenticationKind> Authentication { get; } = [AuthenticationKind.BearerToken];

    public override ProviderCapabilities Capabilities => ScimProvider.PlatformCapabilities;

    /// <summary>The token is the secret: -SecretKey alone, or a credential whose password it is (its user name is not sent).</summary>
    public override ApiCredential SignInCredential(ApiCredential given, Uri baseUri) => given;

    public override IUserProvider Create(ConnectionSettings settings, ProviderOptions options) => new ScimProvider(settings);
}
