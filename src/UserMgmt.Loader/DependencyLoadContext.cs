using System.Reflection;
using System.Runtime.Loader;

namespace UserMgmt.Loader;

/// <summary>
/// The module's own load context: the engine and its third-party assemblies (RestSharp, Polly,
/// YamlDotNet, CsvHelper) load here from the Dependencies folder, so a session where another module
/// loaded other versions of them works all the same. The rules are in this project's README.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    public const string EngineAssembly = "UserMgmt.Core";

    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _directory;

    private DependencyLoadContext(string directory) : base("UserMgmt") => _directory = directory;

    public static DependencyLoadContext Instance { get; } =
        new(Path.Combine(Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!, "Dependencies"));

    /// <summary>Null hands the name on to the default context.</summary>
    protected override Assembly? Load(AssemblyName name) => PathFor(_directory, name) is { } path ? LoadFromAssemblyPath(path) : null;

    /// <summary>
    /// The file in <paramref name="directory"/> for this assembly, or null: for the framework's and
    /// PowerShell's assemblies, which must be the ones the session already uses, and for any name
    /// that would lead outside the folder ("../x", a rooted path) — an assembly name is only a name.
    /// </summary>
    internal static string? PathFor(string directory, AssemblyName name)
    {
        if (name.Name is not { Length: > 0 } simple || IsLeftToDefault(simple) || Path.GetFileName(simple) != simple) return null;
        var folder = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var path = Path.GetFullPath(Path.Combine(folder, simple + ".dll"));
        return string.Equals(Path.GetDirectoryName(path), folder, PathComparison) && File.Exists(path) ? path : null;
    }

    private static bool IsLeftToDefault(string name) =>
        name is "System" or "netstandard" or "mscorlib"
        || name.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Serves the default context the engine only; its dependencies are found from here.</summary>
    public static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssembly ? Instance.LoadFromAssemblyName(name) : null;
}
