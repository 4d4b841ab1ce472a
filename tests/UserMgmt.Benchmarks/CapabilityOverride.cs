using System.Reflection;
using System.Runtime.ExceptionServices;
using UserMgmt.Providers;

namespace UserMgmt.Benchmarks;

/// <summary>A provider as it is, but declaring other capabilities: to measure what one capability is worth.</summary>
public class CapabilityOverride : DispatchProxy
{
    private IUserProvider _inner = null!;
    private ProviderCapabilities _capabilities = null!;

    public static IUserProvider Over(IUserProvider inner, ProviderCapabilities capabilities)
    {
        var proxy = Create<IUserProvider, CapabilityOverride>();
        var self = (CapabilityOverride)(object)proxy;
        (self._inner, self._capabilities) = (inner, capabilities);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == "get_" + nameof(IUserProvider.Capabilities)) return _capabilities;
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
