using System.Reflection;
using System.Runtime.Loader;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// The test-only provider (tests/UserMgmt.FakeProvider), registered in the engine the module loaded as
/// an extension would be: its assembly goes into the engine's load context, so its reference to the
/// engine binds to that engine and its descriptor lands in that registry. Once per process, as the
/// registry is the process's; every session then offers it, whatever order the tests run in.
/// </summary>
public static class ThirdPartyProvider
{
    public const string Name = "Relabelled";
    public const string Platform = "Relabelled Cloud";

    private const string AssemblyFile = "UserMgmt.FakeProvider.dll";
    private const string Descriptor = "UserMgmt.FakeProvider.RelabelledDescriptor";

    private static readonly Lazy<Assembly> Registered = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Call after the module is imported: only then does the default context find the engine (through the module's loader).</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    private static Assembly Register()
    {
        // This assembly does not reference the engine, so the name resolves only as the cmdlets' reference
        // does: through the module's loader, to the engine in the module's own context.
        var engine = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("UserMgmt.Core"));
        var context = AssemblyLoadContext.GetLoadContext(engine)
            ?? throw new InvalidOperationException("The module's engine has no load context.");
        var provider = context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, AssemblyFile));
        provider.GetType(Descriptor, throwOnError: true)!.GetMethod("EnsureRegistered")!.Invoke(null, null);
        return provider;
    }
}
