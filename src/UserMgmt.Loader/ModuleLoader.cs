using System.Management.Automation;
using System.Runtime.Loader;

namespace UserMgmt.Loader;

/// <summary>
/// Routes the engine to the module's own load context. The manifest imports this assembly as a nested
/// module, before the cmdlets, because PowerShell inspects the cmdlets (and so needs the engine) before
/// any code of theirs runs. Remove-Module unhooks it; importing again hooks it back.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static int _registered;

    public void OnImport() => Register();

    public void OnRemove(PSModuleInfo psModuleInfo) => Unregister();

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            AssemblyLoadContext.Default.Resolving += DependencyLoadContext.ResolveEngine;
    }

    public static void Unregister()
    {
        if (Interlocked.Exchange(ref _registered, 0) == 1)
            AssemblyLoadContext.Default.Resolving -= DependencyLoadContext.ResolveEngine;
    }
}
