namespace UserMgmt.Module.Tests;

public sealed class ManifestTests(ModuleAssemblyFixture fixture) : IClassFixture<ModuleAssemblyFixture>
{
    private readonly ModuleAssembly _module = fixture.Module;
    private ModuleManifest Manifest => new(Path.Combine(_module.RepoRoot, "UserMgmt.psd1"));

    [Fact]
    public void Exported_cmdlets_are_exactly_the_cmdlets_the_assembly_defines()
    {
        Assert.Equal(_module.Cmdlets.Select(c => c.Name).Order(), Manifest.List("CmdletsToExport").Order());
    }

    [Fact]
    public void Exported_aliases_are_exactly_the_aliases_the_cmdlets_declare()
    {
        Assert.Equal(_module.Cmdlets.SelectMany(c => c.Aliases).Order(), Manifest.List("AliasesToExport").Order());
    }

    [Fact]
    public void The_manifest_loads_the_built_module_and_carries_its_version()
    {
        var root = Manifest.Scalar("RootModule");
        Assert.True(File.Exists(Path.Combine(_module.RepoRoot, root)), $"RootModule {root} does not exist after a build");
        Assert.Equal(_module.Module.GetName().Version!.ToString(3), Manifest.Scalar("ModuleVersion"));
        Assert.Equal("7.4", Manifest.Scalar("PowerShellVersion"));
    }

    [Fact]
    public void The_engine_knows_nothing_of_PowerShell_and_the_module_does_not_ship_it()
    {
        Assert.DoesNotContain(_module.Engine.GetReferencedAssemblies(), a => a.Name == "System.Management.Automation");
        Assert.Empty(Directory.GetFiles(_module.ModuleDirectory, "System.Management.Automation.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void Third_party_assemblies_live_apart_and_the_cmdlets_never_reference_them()
    {
        string[] isolated = ["RestSharp", "Polly.Core", "YamlDotNet", "CsvHelper"];

        Assert.Equal(["UserMgmt.Loader.dll", "UserMgmt.dll"], Directory.GetFiles(_module.ModuleDirectory, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(isolated, name => Assert.True(File.Exists(Path.Combine(_module.ModuleDirectory, "Dependencies", name + ".dll")), name));
        Assert.DoesNotContain(_module.Module.GetReferencedAssemblies(), a => isolated.Contains(a.Name));
        Assert.Contains("bin/UserMgmt/UserMgmt.Loader.dll", Manifest.List("NestedModules"));
        // RequiredAssemblies would load them into the default context, before the loader can act.
        Assert.Throws<KeyNotFoundException>(() => Manifest.List("RequiredAssemblies"));
    }

    [Fact]
    public void Every_format_view_is_for_a_type_the_module_outputs()
    {
        var formats = Manifest.List("FormatsToProcess");
        var outputTypes = _module.Module.GetTypes().Concat(_module.Engine.GetTypes()).Select(t => t.FullName).ToHashSet();
        foreach (var format in formats)
        {
            var document = System.Xml.Linq.XDocument.Load(Path.Combine(_module.RepoRoot, format));
            var typeNames = document.Descendants("TypeName").Select(e => e.Value).ToList();
            Assert.NotEmpty(typeNames);
            // A view for "Type#Variant" is for objects of that type the cmdlets tag so; the tag must still be written somewhere.
            Assert.All(typeNames, name => Assert.Contains(name.Split('#')[0], outputTypes));
            Assert.All(typeNames.Where(n => n.Contains('#')), name => Assert.True(TaggedInSource(name), $"No cmdlet tags objects as {name}."));
        }
        Assert.Contains("UserMgmt.Operations.OperationResult", formats.SelectMany(f =>
            System.Xml.Linq.XDocument.Load(Path.Combine(_module.RepoRoot, f)).Descendants("TypeName").Select(e => e.Value)));
    }

    private bool TaggedInSource(string typeName) =>
        Directory.EnumerateFiles(Path.Combine(_module.RepoRoot, "src", "UserMgmt"), "*.cs", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains($"\"{typeName}\"", StringComparison.Ordinal));

    [Fact]
    public void The_manifest_is_ready_for_the_gallery()
    {
        Assert.Equal(["Core"], Manifest.List("CompatiblePSEditions"));
        Assert.Contains("PSEdition_Core", Manifest.List("Tags"));
        Assert.NotEmpty(Manifest.Scalar("ReleaseNotes"));
        Assert.Contains("MIT", File.ReadAllText(Path.Combine(_module.RepoRoot, "LICENSE")));
        Assert.Empty(Manifest.List("FunctionsToExport"));
    }

    [Fact]
    public void Every_output_type_has_a_default_view()
    {
        var viewed = Manifest.List("FormatsToProcess")
            .SelectMany(f => System.Xml.Linq.XDocument.Load(Path.Combine(_module.RepoRoot, f)).Descendants("TypeName").Select(e => e.Value))
            .ToHashSet();
        var outputs = _module.Cmdlets
            .SelectMany(c => ModuleAssembly.Attributes(c.Type, "OutputTypeAttribute"))
            .SelectMany(a => (System.Collections.ObjectModel.ReadOnlyCollection<System.Reflection.CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(t => ((Type)t.Value!).FullName!)
            .Where(name => name != "System.Void")
            .Distinct();

        Assert.All(outputs, type => Assert.Contains(type, viewed));
    }
}
