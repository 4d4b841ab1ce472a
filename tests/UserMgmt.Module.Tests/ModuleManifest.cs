using System.Text.RegularExpressions;

namespace UserMgmt.Module.Tests;

/// <summary>Reads the few fields of UserMgmt.psd1 the tests check; the manifest is simple by design.</summary>
public sealed partial class ModuleManifest(string path)
{
    private readonly string _text = File.ReadAllText(path);

    public string Scalar(string key) =>
        ScalarPattern(key).Match(_text) is { Success: true } m ? m.Groups[1].Value : throw new KeyNotFoundException(key);

    public IReadOnlyList<string> List(string key)
    {
        var block = Regex.Match(_text, $@"(?m)^\s*{key}\s*=\s*@\((.*?)\)", RegexOptions.Singleline);
        if (!block.Success) throw new KeyNotFoundException(key);
        return QuotedString().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    private static Regex ScalarPattern(string key) => new($@"(?m)^\s*{key}\s*=\s*'([^']*)'");

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedString();
}
