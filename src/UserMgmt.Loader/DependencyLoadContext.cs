using System.Reflection;
using System.Runtime.Loader;

namespace UserMgmt.Loader;

/// <summary>
/// The module's own load context: the engine and its third-party assemblies (RestSharp, Polly,
/// YamlDotNet, CsvHelper) load here from the Dependencies folder, so a session where another module
/// loaded other versions of them works all the same. Framework assemblies still come from the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    public const string EngineAssembly = "UserMgmt.Core";

    private readonly string _directory;

    private DependencyLoadContext(string directory) : base("UserMgmt") => _directory = directory;

    public static DependencyLoadContext Instance { get; } =
        new(Path.Combine(Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!, "Dependencies"));

    protected override Assembly? Load(AssemblyName name)
    {
        var path = Path.Combine(_directory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Serves the default context the engine only; its dependencies are found from here.</summary>
    public static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssembly ? Instance.LoadFromAssemblyName(name) : null;
}
