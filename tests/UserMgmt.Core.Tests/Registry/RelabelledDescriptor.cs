using System.Reflection;
using UserMgmt.Connections;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Registry;

/// <summary>
/// A provider declared only here: a platform the engine has never heard of, speaking the sandbox's
/// Acceldata API under its own name, capabilities and option. That it connects and runs commands
/// through the registry alone is the proof that a provider needs nothing outside its folder.
/// </summary>
internal sealed class RelabelledDescriptor : ProviderDescriptor
{
    public const string ProviderName = "Relabelled";
    public const string GroupsOption = "Groups";

    /// <summary>Registered once per test run: the registry is process-wide, as it is for the module.</summary>
    public static void EnsureRegistered()
    {
        lock (typeof(RelabelledDescriptor))
            if (!ProviderRegistry.All.Any(p => p.Name == ProviderName)) ProviderRegistry.Register(new RelabelledDescriptor());
    }

    public override string Name => ProviderName;

    public override IReadOnlyList<AuthenticationKind> Authentication { get; } = [AuthenticationKind.KeyPair];

    public override ProviderCapabilities Capabilities { get; } = new() { Platform = "Relabelled Cloud" };

    public override IReadOnlyList<ProviderOption> Options { get; } =
        [new(GroupsOption, "Whether groups can be created here.", "Managed", ["Managed", "Fixed"])];

    public override IUserProvider Create(ConnectionSettings settings, ProviderOptions options)
    {
        var inner = ProviderRegistry.Get("Acceldata");
        var capabilities = Capabilities with { CanCreateGroups = options[GroupsOption] == "Managed" };
        return Relabelling.Wrap(inner.Create(settings, ProviderOptions.Resolve(inner, null)), capabilities);
    }
}

/// <summary>Forwards every call to the wrapped provider but answers Capabilities with its own, whatever the interface grows.</summary>
public class Relabelling : DispatchProxy
{
    private IUserProvider _inner = null!;
    private ProviderCapabilities _capabilities = null!;

    internal static IUserProvider Wrap(IUserProvider inner, ProviderCapabilities capabilities)
    {
        var proxy = Create<IUserProvider, Relabelling>();
        var relabelling = (Relabelling)(object)proxy;
        relabelling._inner = inner;
        relabelling._capabilities = capabilities;
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
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
