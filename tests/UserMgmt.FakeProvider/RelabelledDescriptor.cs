using UserMgmt.Connections;
using UserMgmt.Providers;

namespace UserMgmt.FakeProvider;

/// <summary>
/// A platform the engine has never heard of, declared only here: it speaks the sandbox's Acceldata
/// API under its own name, platform name, capabilities and option. That it connects and runs the
/// scenarios through the registry alone is the proof that a provider needs nothing outside its folder.
/// </summary>
public sealed class RelabelledDescriptor : ProviderDescriptor
{
    public const string ProviderName = "Relabelled";
    public const string PlatformName = "Relabelled Cloud";
    public const string GroupsOption = "Groups";

    /// <summary>
    /// Registers it in the engine this assembly is bound to, once: the registry is process-wide, as it
    /// is for the module, and tests on several threads may ask at once.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (typeof(RelabelledDescriptor))
            if (!ProviderRegistry.All.Any(p => p.Name == ProviderName)) ProviderRegistry.Register(new RelabelledDescriptor());
    }

    public override string Name => ProviderName;

    public override IReadOnlyList<AuthenticationKind> Authentication { get; } = [AuthenticationKind.KeyPair];

    /// <summary>
    /// Unlike Acceldata: membership changes one user at a time, groups are never deleted, and only
    /// two attributes can be set.
    /// </summary>
    public override ProviderCapabilities Capabilities { get; } = new()
    {
        Platform = PlatformName,
        CanDeleteGroups = false,
        SettableAttributes = new HashSet<string>(["Location", "Department"], StringComparer.OrdinalIgnoreCase),
    };

    public override IReadOnlyList<ProviderOption> Options { get; } =
        [new(GroupsOption, "Whether groups can be created here.", "Managed", ["Managed", "Fixed"])];

    public override IUserProvider Create(ConnectionSettings settings, ProviderOptions options)
    {
        var api = ProviderRegistry.Get("Acceldata");
        var capabilities = Capabilities with { CanCreateGroups = options[GroupsOption] == "Managed" };
        return RelabelledProvider.Over(api.Create(settings, ProviderOptions.Resolve(api, null)), capabilities);
    }
}
