using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace UserMgmt.Module.Tests;

/// <summary>
/// The built module, read as metadata only: nothing from it runs, and no PowerShell is needed to
/// see its cmdlets, parameters and attributes exactly as PowerShell will.
/// </summary>
public sealed class ModuleAssembly : IDisposable
{
    private readonly MetadataLoadContext _context;

    public ModuleAssembly()
    {
        RepoRoot = FindRepoRoot();
        ModuleDirectory = Path.Combine(RepoRoot, "bin", "UserMgmt");
        var modulePath = Path.Combine(ModuleDirectory, "UserMgmt.dll");
        if (!File.Exists(modulePath)) throw new FileNotFoundException("Build the solution first: the module is not in bin/UserMgmt.", modulePath);

        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(ModuleDirectory, "*.dll", SearchOption.AllDirectories))
            .Append(Path.Combine(AppContext.BaseDirectory, "System.Management.Automation.dll"))
            .GroupBy(Path.GetFileName).Select(g => g.Last());
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Module = _context.LoadFromAssemblyPath(modulePath);
        Engine = _context.LoadFromAssemblyPath(Path.Combine(ModuleDirectory, "Dependencies", "UserMgmt.Core.dll"));
        Cmdlets = Module.GetTypes().Where(t => !t.IsAbstract && Attribute(t, "CmdletAttribute") is not null).Select(t => new CmdletInfo(t)).ToList();
    }

    public string RepoRoot { get; }
    public string ModuleDirectory { get; }
    public Assembly Module { get; }
    public Assembly Engine { get; }
    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    public CmdletInfo Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>The verbs PowerShell approves: the constants of its Verbs* classes.</summary>
    public IReadOnlySet<string> ApprovedVerbs()
    {
        var automation = _context.LoadFromAssemblyName("System.Management.Automation");
        return automation.GetExportedTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs"))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
    }

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.Name == name);

    public static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

    /// <summary>The names an [Alias(...)] attribute lists.</summary>
    public static IReadOnlyList<string> AliasNames(MemberInfo member) =>
        Attributes(member, "AliasAttribute")
            .SelectMany(a => (ReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(v => (string)v.Value!)
            .ToList();

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UserMgmt.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("UserMgmt.sln not found above the test directory.");
    }

    public void Dispose() => _context.Dispose();
}

/// <summary>One cmdlet class as PowerShell sees it.</summary>
public sealed class CmdletInfo(Type type)
{
    private readonly CustomAttributeData _cmdlet = ModuleAssembly.Attribute(type, "CmdletAttribute")!;

    public Type Type { get; } = type;
    public string Verb => (string)_cmdlet.ConstructorArguments[0].Value!;
    public string Noun => (string)_cmdlet.ConstructorArguments[1].Value!;
    public string Name => $"{Verb}-{Noun}";
    public bool SupportsShouldProcess => ModuleAssembly.Named(_cmdlet, "SupportsShouldProcess") as bool? == true;
    /// <summary>ConfirmImpact as its enum name (Medium when not set).</summary>
    public string ConfirmImpact => ModuleAssembly.Named(_cmdlet, "ConfirmImpact") is int value
        ? new[] { "None", "Low", "Medium", "High" }[value]
        : "Medium";
    public IReadOnlyList<string> Aliases => ModuleAssembly.AliasNames(Type);
    public bool HasOutputType => ModuleAssembly.Attribute(Type, "OutputTypeAttribute") is not null;

    public IEnumerable<PropertyInfo> Parameters => Type.GetProperties()
        .Where(p => ModuleAssembly.Attribute(p, "ParameterAttribute") is not null);

    public PropertyInfo Parameter(string name) => Parameters.Single(p => p.Name == name);

    public static bool Flag(PropertyInfo parameter, string flag) =>
        ModuleAssembly.Attributes(parameter, "ParameterAttribute").Any(a => ModuleAssembly.Named(a, flag) as bool? == true);

    public override string ToString() => Name;
}
