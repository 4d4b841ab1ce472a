using UserMgmt.Connections;
using UserMgmt.Providers.Acceldata;

namespace UserMgmt.Providers;

internal static class ProviderFactory
{
    public static IUserProvider Create(ConnectionSettings settings) => settings.Provider switch
    {
        ProviderKind.Acceldata => new AcceldataProvider(settings),
        ProviderKind.Ccai => new Ccai.CcaiProvider(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "No provider for this platform."),
    };
}
