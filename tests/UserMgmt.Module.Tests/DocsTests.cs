using System.Text.RegularExpressions;

namespace UserMgmt.Module.Tests;

/// <summary>The PlatyPS help sources in docs/ cover every cmdlet and parameter the assembly has, and no more.</summary>
public sealed partial class DocsTests(ModuleAssemblyFixture fixture) : IClassFixture<ModuleAssemblyFixture>
{
    private readonly ModuleAssembly _module = fixture.Module;

    public static TheoryData<string> CmdletNames()
    {
        using var module = new ModuleAssembly();
        return new TheoryData<string>(module.Cmdlets.Select(c => c.Name).Order());
    }

    private string Doc(string cmdlet)
    {
        var path = Path.Combine(_module.RepoRoot, "docs", cmdlet + ".md");
        Assert.True(File.Exists(path), $"docs/{cmdlet}.md is missing");
        return File.ReadAllText(path);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_a_PlatyPS_page(string cmdlet)
    {
        var doc = Doc(cmdlet);
        Assert.StartsWith("---\nexternal help file: UserMgmt.dll-Help.xml\n", doc);
        Assert.Contains("\nschema: 2.0.0\n", doc);
        Assert.Contains($"\n# {cmdlet}\n", doc);
        foreach (var section in new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS" })
            Assert.Matches($"\n## {section}\n+[^#\\s]", doc.Replace("\n### ", "\nx"));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_parameter_is_documented_and_nothing_stale_is(string cmdlet)
    {
        var info = _module.Cmdlet(cmdlet);
        var expected = info.Parameters.Where(p => !CmdletInfo.Flag(p, "DontShow")).Select(p => p.Name)
            .Concat(info.SupportsShouldProcess ? ["WhatIf", "Confirm"] : [])
            .Order();

        var documented = ParameterHeading().Matches(Doc(cmdlet)).Select(m => m.Groups[1].Value).Order();

        Assert.Equal(expected, documented);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_two_examples_one_from_Import_Csv_and_each_well_formed(string cmdlet)
    {
        var examples = ExampleCode().Matches(Doc(cmdlet)).Select(m => m.Groups[1].Value).ToList();

        Assert.True(examples.Count >= 2, $"{cmdlet} has {examples.Count} example(s)");
        Assert.Contains(examples, e => e.Contains("Import-Csv"));
        Assert.All(examples, e => Assert.True(Balanced(e), $"unbalanced brackets or quotes in: {e}"));
        Assert.All(examples, e => Assert.True(e.Contains(cmdlet) || e.Contains("Invite-User"), $"an example of {cmdlet} does not use it"));
    }

    [Fact]
    public void The_module_page_lists_every_cmdlet()
    {
        var page = File.ReadAllText(Path.Combine(_module.RepoRoot, "docs", "UserMgmt.md"));
        Assert.All(_module.Cmdlets, c => Assert.Contains($"### [{c.Name}]({c.Name}.md)", page));
    }

    [Theory]
    [InlineData("about_UserMgmt")]
    [InlineData("about_UserMgmt_Providers")]
    [InlineData("about_UserMgmt_ReorgPlans")]
    [InlineData("about_UserMgmt_Automation")]
    public void Every_about_topic_has_its_source_and_its_help_file(string topic)
    {
        Assert.True(File.Exists(Path.Combine(_module.RepoRoot, "docs", topic + ".md")));
        Assert.StartsWith($"TOPIC\n    {topic}\n", File.ReadAllText(Path.Combine(_module.RepoRoot, "en-US", topic + ".help.txt")));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void The_MAML_help_the_module_loads_documents_every_parameter_and_nothing_stale(string cmdlet)
    {
        var command = MamlCommands().SingleOrDefault(c => c.Name == cmdlet);
        Assert.True(command.Name is not null, $"en-US/UserMgmt.dll-Help.xml has no help for {cmdlet}");
        var info = _module.Cmdlet(cmdlet);
        var expected = info.Parameters.Where(p => !CmdletInfo.Flag(p, "DontShow")).Select(p => p.Name)
            .Concat(info.SupportsShouldProcess ? ["WhatIf", "Confirm"] : []).Order();

        Assert.Equal(expected, command.Parameters.Order());
        Assert.NotEmpty(command.Synopsis);
    }

    [Fact]
    public void The_MAML_help_has_no_command_the_module_lacks()
    {
        Assert.Equal(_module.Cmdlets.Select(c => c.Name).Order(), MamlCommands().Select(c => c.Name).Order());
    }

    private IEnumerable<(string Name, string Synopsis, IEnumerable<string> Parameters)> MamlCommands()
    {
        System.Xml.Linq.XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        System.Xml.Linq.XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        var help = System.Xml.Linq.XDocument.Load(Path.Combine(_module.RepoRoot, "en-US", "UserMgmt.dll-Help.xml"));
        return help.Root!.Elements(command + "command").Select(c => (
            c.Element(command + "details")!.Element(command + "name")!.Value,
            c.Element(command + "details")!.Element(maml + "description")?.Value.Trim() ?? "",
            c.Element(command + "parameters")?.Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value) ?? []));
    }

    // A cheap syntax check without PowerShell: quotes, brackets and braces open and close in order.
    private static bool Balanced(string code)
    {
        var stack = new Stack<char>();
        char? quote = null;
        foreach (var c in code)
        {
            if (quote is not null) { if (c == quote) quote = null; continue; }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '(' or '[' or '{': stack.Push(c); break;
                case ')': if (!stack.TryPop(out var o1) || o1 != '(') return false; break;
                case ']': if (!stack.TryPop(out var o2) || o2 != '[') return false; break;
                case '}': if (!stack.TryPop(out var o3) || o3 != '{') return false; break;
            }
        }
        return quote is null && stack.Count == 0;
    }

    [GeneratedRegex(@"^### -(\w+)$", RegexOptions.Multiline)]
    private static partial Regex ParameterHeading();

    [GeneratedRegex("```powershell\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleCode();

    /// <summary>
    /// Issue 12 item 7 (ccai.md D7): Google's "Apps API" page makes the subdomain the Basic user name and the
    /// token the password; every text a user reads says so, and none says the api user's key.
    /// </summary>
    [Fact]
    public void The_CCAI_credential_is_described_as_the_vendor_states_it_everywhere_a_user_reads()
    {
        string Read(params string[] path) => File.ReadAllText(Path.Combine([_module.RepoRoot, .. path]));
        var texts = new Dictionary<string, string>
        {
            ["README.md"] = Read("README.md"),
            ["docs/about_UserMgmt_Providers.md"] = Read("docs", "about_UserMgmt_Providers.md"),
            ["en-US/about_UserMgmt_Providers.help.txt"] = Read("en-US", "about_UserMgmt_Providers.help.txt"),
            ["docs/Connect-UserMgmt.md"] = Read("docs", "Connect-UserMgmt.md"),
            ["en-US/UserMgmt.dll-Help.xml"] = Read("en-US", "UserMgmt.dll-Help.xml"),
        };

        Assert.All(texts, t => Assert.Contains("subdomain as user name", t.Value));
        Assert.All(texts, t => Assert.DoesNotMatch("(?i)api.?user'?s key|api user \\(CCAI", t.Value));
    }
}
