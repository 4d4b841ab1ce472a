using UserMgmt.Connections;

namespace UserMgmt.Providers.Ccai;

/// <summary>Google Cloud CCAI Platform (Apps API): HTTP Basic, users changed through bulk jobs.</summary>
internal sealed class CcaiDescriptor : ProviderDescriptor
{
    public override string Name => "Ccai";

    public override IReadOnlyList<AuthenticationKind> Authentication { get; } = [AuthenticationKind.Basic];

    public override ProviderCapabilities Capabilities => CcaiProvider.PlatformCapabilities;

    public override ApiCredential SignInCredential(ApiCredential given, Uri baseUri) => CcaiSignIn.Complete(given, baseUri);

    public override IUserProvider Create(ConnectionSettings settings, ProviderOptions options) => new CcaiProvider(settings);
}
