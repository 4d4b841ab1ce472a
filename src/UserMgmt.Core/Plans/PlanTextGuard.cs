namespace UserMgmt.Plans;

/// <summary>
/// Checks the raw text before the YAML parser sees it: size, tab indentation (YAML forbids it, and the
/// parser's own message is obscure), and nesting depth, which the parser would follow into a stack overflow.
/// </summary>
internal static class PlanTextGuard
{
    public static PlanProblem? Check(string file, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t');
            if (tab >= 0 && tab < indent)
                return new PlanProblem(new SourcePosition(file, i + 1, tab + 1), "A tab is used for indentation; YAML indents with spaces only.");
            if (indent / 2 > PlanLimits.MaxNesting)
                return new PlanProblem(new SourcePosition(file, i + 1, indent + 1), $"Nested more than {PlanLimits.MaxNesting} levels deep.");
        }
        return FlowDepth(file, lines);
    }

    // [ and { open levels outside quotes and comments; a plan never needs many.
    private static PlanProblem? FlowDepth(string file, string[] lines)
    {
        var depth = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            char? quote = null;
            for (var j = 0; j < lines[i].Length; j++)
            {
                var c = lines[i][j];
                if (quote is not null) { if (c == quote) quote = null; continue; }
                if (c is '"' or '\'') quote = c;
                else if (c == '#' && (j == 0 || char.IsWhiteSpace(lines[i][j - 1]))) break;
                else if (c is '[' or '{' && ++depth > PlanLimits.MaxNesting)
                    return new PlanProblem(new SourcePosition(file, i + 1, j + 1), $"Nested more than {PlanLimits.MaxNesting} levels deep.");
                else if (c is ']' or '}') depth = Math.Max(0, depth - 1);
            }
        }
        return null;
    }
}
