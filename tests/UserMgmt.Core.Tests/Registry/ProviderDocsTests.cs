using UserMgmt.Providers;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Registry;

/// <summary>Every provider the module ships has its section in about_UserMgmt_Providers, naming its options and their values.</summary>
public sealed class ProviderDocsTests
{
    public static TheoryData<string> ShippedProviders() =>
        new(ProviderRegistry.All.Where(p => p.GetType().Assembly == typeof(ProviderRegistry).Assembly).Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ShippedProviders))]
    public void The_about_topic_and_its_help_file_describe_the_provider_and_its_options(string name)
    {
        var provider = ProviderRegistry.Get(name);
        var source = Section(Path.Combine("docs", "about_UserMgmt_Providers.md"), $"### {provider.Name} (", line => line.StartsWith('#'));
        // In the help file a heading is indented by two spaces at most, a paragraph by four.
        var help = Section(Path.Combine("en-US", "about_UserMgmt_Providers.help.txt"), $"  {provider.Name.ToUpperInvariant()} (",
            line => line.Trim().Length > 0 && !line.StartsWith("    "));

        foreach (var text in new[] { source, help })
        {
            if (provider.Options.Count == 0) Assert.Contains("No options.", text);
            foreach (var option in provider.Options)
            {
                Assert.Contains(option.Name, text);
                Assert.All(option.AllowedValues, v => Assert.Contains(v, text));
            }
        }
    }

    /// <summary>The lines from the provider's heading to the next heading.</summary>
    private static string Section(string file, string heading, Func<string, bool> isHeading)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, file));
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"{file} has no section '{heading.Trim()}'");
        return string.Join("\n", lines.Skip(start + 1).TakeWhile(l => !isHeading(l)));
    }
}
