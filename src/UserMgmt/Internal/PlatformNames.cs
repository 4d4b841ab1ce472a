using UserMgmt.Connections;

namespace UserMgmt.Commands.Internal;

/// <summary>Platforms as their users know them, for messages.</summary>
internal static class PlatformNames
{
    public static string Of(ProviderKind provider) => provider switch
    {
        ProviderKind.Acceldata => "Acceldata",
        ProviderKind.Ccai => "CCAI Platform",
        _ => provider.ToString(),
    };
}
