namespace UserMgmt.Plans;

/// <summary>
/// Checks the text before the YAML parser sees it, for what the parser would pass on or misreport: characters
/// YAML does not allow (NUL, control characters, noncharacters, a byte order mark after the start), which could
/// hide content or reach a terminal through an error message, and tab indentation, which YAML forbids with an
/// obscure message. Nesting and expansion are bounded as the parser reads (<see cref="PlanYamlReader"/>).
/// </summary>
internal static class PlanTextGuard
{
    public static PlanProblem? Check(string file, string text)
    {
        var line = 1;
        var lineStart = 0;
        var indenting = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (BreakEndsAt(text, i))
            {
                (line, lineStart, indenting) = (line + 1, i + 1, true);
                continue;
            }
            var c = text[i];
            var at = new SourcePosition(file, line, i - lineStart + 1);
            if (c == '\t' && indenting) return new PlanProblem(at, "A tab is used for indentation; YAML indents with spaces only.");
            indenting &= c is ' ' or '\t' or '\r';
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (Refused(c, i) is { } why) return new PlanProblem(at, c == '\0' && LooksLikeUtf16(text) ? NulInUtf16 : why);
        }
        return null;
    }

    /// <summary>
    /// Why a value cannot be in a plan, or null. The text is checked before parsing, but a double-quoted
    /// string can still write any character as an escape ("\e", "\x9b", "\0"), so values are checked as read.
    /// </summary>
    public static string? Unfit(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (Refused(c, index: 1) is { } why) return why;
        }
        return null;
    }

    /// <summary>Line and column, from 1, of a place in the text, counting line breaks as YAML does.</summary>
    public static (int Line, int Column) PositionOf(string text, int index)
    {
        var (line, lineStart) = (1, 0);
        for (var i = 0; i < index; i++)
            if (BreakEndsAt(text, i)) (line, lineStart) = (line + 1, i + 1);
        return (line, index - lineStart + 1);
    }

    private const string NulInUtf16 = "A NUL character: this looks like UTF-16 saved without a byte order mark. Save the plan as UTF-8.";

    // Text in a Latin script saved as UTF-16 has a NUL in every other character, which read as UTF-8 is most of them.
    private static bool LooksLikeUtf16(string text)
    {
        var start = text.AsSpan(0, Math.Min(text.Length, 64));
        return start.Count('\0') * 3 >= start.Length;
    }

    // A CR LF pair is one break, counted at its LF; YamlDotNet also breaks lines at NEL, LS and PS.
    private static bool BreakEndsAt(string text, int i) => text[i] switch
    {
        '\n' or '\u0085' or '\u2028' or '\u2029' => true,
        '\r' => i + 1 == text.Length || text[i + 1] != '\n',
        _ => false,
    };

    // YAML's printable characters: tab, line breaks, and everything from space up except DEL, the C1
    // controls, surrogates alone and U+FFFE/U+FFFF; a byte order mark only at the very start.
    private static string? Refused(char c, int index) => c switch
    {
        '\0' => "A NUL character: plans are text, and a YAML reader could stop here and ignore the rest.",
        '\uFEFF' when index > 0 => "A byte order mark (U+FEFF) inside the file; it belongs only at the very start.",
        _ when char.IsSurrogate(c) => $"U+{(int)c:X4} is half of a character pair whose other half is missing.",
        '\t' or '\n' or '\r' => null,
        < ' ' or '\u007F' or (>= '\u0080' and <= '\u009F' and not '\u0085') or '\uFFFE' or '\uFFFF' =>
            $"The character U+{(int)c:X4} is a control character or noncharacter, which a plan cannot hold.",
        _ => null,
    };
}
