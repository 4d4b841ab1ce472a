using System.Reflection;
using System.Runtime.ExceptionServices;
using UserMgmt.Providers;

namespace UserMgmt.FakeProvider;

/// <summary>
/// Forwards every call to the provider whose API it speaks but answers Capabilities with its own, so
/// the engine plans by this platform's capabilities; a proxy, so it keeps forwarding whatever the
/// interface grows.
/// </summary>
public class RelabelledProvider : DispatchProxy
{
    private IUserProvider _api = null!;
    private ProviderCapabilities _capabilities = null!;

    /// <summary>The provider as it is, answering with other capabilities (also used to measure what one capability is worth).</summary>
    public static IUserProvider Over(IUserProvider api, ProviderCapabilities capabilities)
    {
        var proxy = Create<IUserProvider, RelabelledProvider>();
        var relabelled = (RelabelledProvider)(object)proxy;
        relabelled._api = api;
        relabelled._capabilities = capabilities;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == "get_" + nameof(IUserProvider.Capabilities)) return _capabilities;
        try
        {
            return targetMethod.Invoke(_api, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
