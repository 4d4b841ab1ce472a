using System.Reflection;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Coverage;

/// <summary>Every cmdlet the module exports, in every parameter set it has, is run by at least one test.</summary>
public sealed class ParameterSetCoverageTests : ModuleTest
{
    protected override string? Provider => null;

    private static readonly HashSet<(string Cmdlet, string Set)> Covered = typeof(ParameterSetCoverageTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods())
        .Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null })
        .SelectMany(m => m.GetCustomAttributes<CoversAttribute>())
        .Select(c => (c.Cmdlet, c.ParameterSet))
        .ToHashSet();

    private List<(string Cmdlet, string Set)> Exported() => Shell.Run("""
        Get-Command -Module UserMgmt -CommandType Cmdlet | ForEach-Object {
            $name = $_.Name
            $_.ParameterSets | ForEach-Object { "$name|$($_.Name)" }
        }
        """).ThrowIfFailed().Output.Select(o => o.ToString().Split('|')).Select(p => (p[0], p[1])).ToList();

    [Fact]
    public void Every_cmdlet_and_parameter_set_is_run_by_a_test()
    {
        var exported = Exported();
        var missing = exported.Where(e => !Covered.Contains(e)).Select(e => $"{e.Cmdlet} [{e.Set}]").ToList();

        Assert.True(exported.Count >= 27, $"Only {exported.Count} cmdlet × parameter set combinations were found.");
        Assert.True(missing.Count == 0, "Not run by any test: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_covered_set_still_exists()
    {
        // A set renamed or removed must not leave a test claiming coverage of nothing.
        var exported = Exported().ToHashSet();
        var stale = Covered.Where(c => !exported.Contains(c)).Select(c => $"{c.Cmdlet} [{c.Set}]").ToList();

        Assert.True(stale.Count == 0, "Claimed but not exported: " + string.Join(", ", stale));
    }
}
