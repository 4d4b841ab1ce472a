using System.Reflection;
using System.Runtime.CompilerServices;

namespace UserMgmt.Connections;

/// <summary>
/// Compiles the module's own code in the background once a connection opens, so the first command after
/// Connect-UserMgmt does not pay for compiling it while the user waits. Once per process; never blocks.
/// </summary>
public static class CodeWarmUp
{
    private static int _started;

    public static void Start(params Assembly[] assemblies)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        _ = Task.Run(() =>
        {
            foreach (var assembly in assemblies.Append(typeof(CodeWarmUp).Assembly).Distinct())
                foreach (var method in Compilable(assembly))
                {
                    try
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    }
                    catch (Exception)
                    {
                        // A method the runtime cannot compile ahead (one needing a type not loaded here) is compiled when first called.
                    }
                }
        });
    }

    private static IEnumerable<MethodBase> Compilable(Assembly assembly)
    {
        const BindingFlags declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.OfType<Type>().ToArray();
        }
        return types.Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetMethods(declared).Cast<MethodBase>().Concat(t.GetConstructors(declared)))
            .Where(m => !m.IsAbstract && !m.ContainsGenericParameters && m.GetMethodBody() is not null);
    }
}
