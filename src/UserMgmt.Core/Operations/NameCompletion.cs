namespace UserMgmt.Operations;

/// <summary>Which known names complete a partly typed word, quoted when PowerShell needs it.</summary>
public static class NameCompletion
{
    public static IReadOnlyList<string> Complete(IEnumerable<string> names, string? typed)
    {
        var word = (typed ?? "").Trim('\'', '"');
        return names
            .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(n => n.Any(c => char.IsWhiteSpace(c) || "'\";,(){}$@#`".Contains(c)) ? $"'{n.Replace("'", "''")}'" : n)
            .ToList();
    }
}
