using System.Reflection;
using System.Runtime.Loader;

namespace UserMgmt.Module.Tests;

/// <summary>One at a time: these tests hook and unhook the process's default load context.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoaderCollection
{
    public const string Name = "Loader";
}

/// <summary>
/// The built loader, as PowerShell loads it: its load context serves only files inside its own
/// folder, leaves the framework and PowerShell to the default context, and unhooks on Remove-Module.
/// </summary>
[Collection(LoaderCollection.Name)]
public sealed class LoaderTests
{
    private static readonly string ModuleDirectory = Path.Combine(ModuleAssembly.FindRepoRoot(), "bin", "UserMgmt");
    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");
    private static readonly Assembly Loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "UserMgmt.Loader.dll"));
    private static readonly Type ContextType = Loader.GetType("UserMgmt.Loader.DependencyLoadContext", throwOnError: true)!;

    [Theory]
    [InlineData("../UserMgmt")]
    [InlineData("../UserMgmt.Loader")]
    [InlineData("Dependencies/../../UserMgmt")]
    [InlineData("{module}/UserMgmt")]
    public void A_name_that_points_outside_the_dependency_folder_loads_nothing(string name)
    {
        var context = (AssemblyLoadContext)ContextType.GetProperty("Instance")!.GetValue(null)!;

        var refused = Record.Exception(() => context.LoadFromAssemblyName(new AssemblyName(name.Replace("{module}", ModuleDirectory))));

        // Not found by this context; what the test host's own resolvers then make of the name varies.
        Assert.IsAssignableFrom<IOException>(refused);
        Assert.All(context.Assemblies, a => Assert.Equal(DependencyDirectory, Path.GetDirectoryName(a.Location)));
    }

    [Fact]
    public void Only_plain_names_of_files_in_the_folder_resolve_and_the_framework_and_PowerShell_are_left_to_the_default_context()
    {
        var root = Directory.CreateTempSubdirectory("usermgmt-loader-").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(root, "Dependencies")).FullName;
        string[] inside = ["RestSharp", "System.Text.Json", "System.Management.Automation", "Microsoft.Extensions.Logging", "netstandard", "mscorlib", "System"];
        foreach (var name in inside) File.WriteAllText(Path.Combine(folder, name + ".dll"), "");
        File.WriteAllText(Path.Combine(root, "Outside.dll"), "");
        var pathFor = ContextType.GetMethod("PathFor", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(pathFor);
        string? Resolve(string name) => (string?)pathFor.Invoke(null, [folder, new AssemblyName(name)]);

        try
        {
            Assert.Equal(Path.Combine(folder, "RestSharp.dll"), Resolve("RestSharp"));
            Assert.All(inside.Skip(1), name => Assert.Null(Resolve(name)));
            Assert.Null(Resolve("../Outside"));
            Assert.Null(Resolve(Path.Combine(root, "Outside")));
            Assert.Null(Resolve("Missing"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Removing_the_module_unhooks_the_engine_and_importing_it_again_hooks_it_back()
    {
        var loaderType = Loader.GetType("UserMgmt.Loader.ModuleLoader", throwOnError: true)!;
        var onRemove = loaderType.GetMethod("OnRemove");
        Assert.NotNull(onRemove);
        var loader = Activator.CreateInstance(loaderType)!;
        Assembly Engine() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("UserMgmt.Core"));

        loaderType.GetMethod("OnImport")!.Invoke(loader, null);
        Assert.Equal("UserMgmt", AssemblyLoadContext.GetLoadContext(Engine())!.Name);

        onRemove.Invoke(loader, [null]);
        Assert.Throws<FileNotFoundException>(Engine);

        loaderType.GetMethod("OnImport")!.Invoke(loader, null);
        Assert.Equal("UserMgmt", AssemblyLoadContext.GetLoadContext(Engine())!.Name);
    }
}
