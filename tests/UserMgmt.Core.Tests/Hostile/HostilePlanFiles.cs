using System.Text;
using UserMgmt.Plans;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// Plan files made to hurt the reader: nesting in every YAML syntax, alias bombs, tags, huge scalars and
/// keys, and every encoding mistake. Each comes with the place its problem must be reported and words the
/// message must hold. Files are made on demand, by name, as some are megabytes long.
/// </summary>
public static class HostilePlanFiles
{
    public sealed record Case(string Name, byte[] Bytes, int Line, int Column, string Says);

    private const string Plan = "version: 1\ngroups:\n";
    private static readonly int Deep = PlanLimits.MaxNesting;

    // Deep enough to overflow any stack that follows it level by level.
    private const int Levels = 30_000;

    private static readonly Dictionary<string, Func<Case>> Makers = new()
    {
        // Nesting, in every syntax YAML has for it. The root is level 1 and the value of groups level 2;
        // level Deep + 1 is the first refused, where the file says so.
        ["block sequences on one line: - - - -"] = () => Text(Plan + "  " + Repeat("- ", Levels) + "x\n", 3, 3 + 2 * (Deep - 1), "Nested more than"),
        ["block sequences, one level per line"] = () => Text(Plan + Lines(1000, i => Indent(i + 1) + "-"), 3 + (Deep - 1), 3 + 2 * (Deep - 1), "Nested more than"),
        ["block mappings, one level per line"] = () => Text(Plan + Lines(1000, i => Indent(i + 1) + "a:"), 3 + (Deep - 1), 3 + 2 * (Deep - 1), "Nested more than"),
        ["block mappings, CRLF line ends"] = () => Text((Plan + Lines(1000, i => Indent(i + 1) + "a:")).Replace("\n", "\r\n"), 3 + (Deep - 1), 3 + 2 * (Deep - 1), "Nested more than"),
        ["block mappings, CR line ends"] = () => Text((Plan + Lines(1000, i => Indent(i + 1) + "a:")).Replace("\n", "\r"), 3 + (Deep - 1), 3 + 2 * (Deep - 1), "Nested more than"),
        ["flow sequences: [[[["] = () => Text("version: 1\ngroups: " + Repeat("[", Levels) + Repeat("]", Levels) + "\n", 2, 9 + (Deep - 1), "Nested more than"),
        ["flow mappings: {a: {a: {a:"] = () => Text("version: 1\ngroups: " + Repeat("{a: ", Levels) + Repeat("}", Levels) + "\n", 2, 9 + 4 * (Deep - 1), "Nested more than"),
        ["flow mappings as keys: {{{{"] = () => Text("version: 1\ngroups: " + Repeat("{", Levels) + Repeat("}", Levels) + "\n", 2, 10, "cannot be a key"),
        ["flow mix: {a: [{a: [{a: ["] = () => Text("version: 1\ngroups: " + Repeat("{a: [", Levels) + Repeat("]}", Levels) + "\n", 2, 13 + 5 * ((Deep - 2) / 2), "Nested more than"),
        ["a double-quoted string across lines, then [[[["] = () => Text("version: 1\ngroups: [ \"starts here\n  ends here\", " + Repeat("[", Levels) + Repeat("]", Levels) + "]\n", 3, 15 + (Deep - 2), "Nested more than"),
        ["a single-quoted string across lines, then [[[["] = () => Text("version: 1\ngroups: [ 'starts here\n  ends here', " + Repeat("[", Levels) + Repeat("]", Levels) + "]\n", 3, 15 + (Deep - 2), "Nested more than"),
        ["an apostrophe in a plain word, then [[[["] = () => Text("version: 1\ngroups: [ don't, " + Repeat("[", Levels) + Repeat("]", Levels) + "]\n", 2, 18 + (Deep - 2), "Nested more than"),
        ["a comment with quotes on every level"] = () => Text("version: 1\ngroups: [ # it's \"quoted\n" + Lines(1000, _ => "  [ # it's \"quoted\" [[") + "  " + Repeat("]", 1001) + "\n", 3 + (Deep - 2), 3, "Nested more than"),
        ["complex keys: ? ? ? ?"] = () => Text("? " + Repeat("? ", Levels) + "x\n", 1, 3, "cannot be a key"),
        ["a list as a complex key"] = () => Text("version: 1\n? [a, b]\n: x\n", 2, 3, "cannot be a key"),
        ["a flow list continued on a line indented less"] = () => Text("version: 1\ndisable:\n  - [a@example.com\n b@example.com]\n", 4, 2, "indented less"),
        ["tags on every level: !t [!t ["] = () => Text("version: 1\ngroups: " + Repeat("!t [", Levels) + Repeat("]", Levels) + "\n", 2, 9, "tag"),
        ["anchors on every level: &a [&b ["] = () => Text("version: 1\ngroups: " + Anchored(Levels) + Repeat("]", Levels) + "\n", 2, 9 + Anchored(Deep - 1).Length, "Nested more than"),
        ["nesting through a chain of aliases"] = () => Text("version: 1\na0: &a0 [x]\n" + Lines(40, i => $"a{i + 1}: &a{i + 1} [*a{i}]"), 2 + (Deep - 1), 12, "Nested more than"),

        // Aliases: expansion is counted as it is read, and an alias never stands for a key it would have to expand.
        ["alias bomb in values"] = () => Text(TenfoldAliases(9), 7, 10, "more than 200,000 values"),
        ["alias bomb as a key: ? *a9 : y"] = () => Text(TenfoldAliases(9) + "? *a9 : y\n", 7, 10, "more than 200,000 values"),
        ["alias to a large list as a key: ? *a4 : y"] = () => Text(TenfoldAliases(4) + "? *a4 : y\n", 7, 3, "cannot be a key"),
        ["alias to a list as a simple key: *a : y"] = () => Text("version: 1\na: &a [x]\n*a : y\n", 3, 1, "cannot be a key"),
        ["alias to an anchor never defined"] = () => Text("version: 1\ndisable: *nowhere\n", 2, 10, "no anchor"),
        ["alias to the list it is in"] = () => Text("version: 1\ndisable: &self [*self]\n", 2, 17, "inside"),

        // Tags: a plan has no use for them, and some readers would build objects from them.
        ["tag: !!python/object"] = () => Text("version: 1\ngroups:\n  - !!python/object:os.system [rm -rf /]\n", 3, 5, "tag"),
        ["tag: a custom local tag"] = () => Text("version: 1\ndisable: [!custom a@example.com]\n", 2, 11, "tag"),
        ["tag: the non-specific !"] = () => Text("version: 1\ngroups:\n  - name: ! Team\n", 3, 11, "tag"),
        ["tag: verbatim !<tag:yaml.org,2002:str>"] = () => Text("version: !<tag:yaml.org,2002:str> 1\n", 1, 10, "tag"),
        ["tag: declared by a %TAG directive"] = () => Text("%TAG !e! tag:evil.example.com,2000:\n---\nversion: !e!object 1\n", 3, 10, "tag"),

        // Size: huge scalars and keys, and more values than a plan can need.
        ["a scalar over the size limit"] = () => Text("version: 1\ndisable:\n  - " + Repeat("a", (int)PlanLimits.MaxFileBytes) + "\n", 1, 1, "limited to 4 MB"),
        ["a three-megabyte address"] = () => Text("version: 1\ndisable:\n  - " + Repeat("a", 3_000_000) + "@example.com\n", 3, 5, "not a valid email address"),
        ["a three-megabyte unknown key"] = () => Text("version: 1\n? " + Repeat("k", 3_000_000) + "\n: x\n", 2, 3, "Unknown key"),
        ["a three-megabyte emailLike pattern"] = () => Text(Plan + "  - name: A\n    include:\n      - emailLike: \"" + Repeat("*a", 1_500_000) + "\"\n", 5, 20, "longer than"),
        ["a plain key over the simple-key length"] = () => Text("version: 1\n" + Repeat("k", 5_000) + ": x\n", 2, 1, "expected key"),
        ["a quarter of a million keys"] = () => Text(Lines(250_000, i => $"k{i:D6}: x"), 100_000, 10, "more than 200,000 values"),
        ["duplicate keys"] = () => Text("version: 1\nversion: 1\n", 2, 1, "Duplicate key"),
        ["duplicate keys, one quoted"] = () => Text("version: 1\n\"version\": 1\n", 2, 1, "Duplicate key"),
        ["duplicate keys in a group"] = () => Text(Plan + "  - name: A\n    name: B\n", 4, 5, "Duplicate key"),
        ["duplicate addresses in attributes"] = () => Text("version: 1\nattributes:\n  a@example.com: { title: A }\n  a@example.com: { title: B }\n", 4, 3, "Duplicate key"),

        // Documents.
        ["two documents"] = () => Text("version: 1\n---\nversion: 1\n", 2, 1, "one YAML document"),
        ["an empty file"] = () => Bytes([], 1, 1, "empty"),
        ["only a byte order mark"] = () => Bytes([0xEF, 0xBB, 0xBF], 1, 1, "empty"),
        ["only comments"] = () => Text("# nothing\n# at all\n", 1, 1, "empty"),

        // Encodings and characters a plan cannot hold.
        ["UTF-16 LE without a byte order mark"] = () => Bytes(Encoding.Unicode.GetBytes("version: 1\n"), 1, 2, "UTF-16"),
        ["UTF-16 BE without a byte order mark"] = () => Bytes(Encoding.BigEndianUnicode.GetBytes("version: 1\n"), 1, 1, "UTF-16"),
        ["UTF-16 LE with a lone surrogate"] = () => Bytes([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("version: 1\n# "), 0x00, 0xD8, .. Encoding.Unicode.GetBytes("x\n")], 2, 3, "not valid UTF-16"),
        ["UTF-32 LE with a code point beyond Unicode"] = () => Bytes([0xFF, 0xFE, 0x00, 0x00, .. new UTF32Encoding(false, false).GetBytes("version: 1\n# "), 0x00, 0x00, 0x11, 0x00], 2, 3, "not valid UTF-32"),
        ["invalid UTF-8 in an address"] = () => Bytes([.. Utf8("version: 1\ndisable:\n  - caf"), 0xC3, 0x28, .. Utf8("@example.com\n")], 3, 8, "not valid UTF-8"),
        ["an overlong UTF-8 slash"] = () => Bytes([.. Utf8("version: 1\n# "), 0xC0, 0xAF, .. Utf8("\n")], 2, 3, "not valid UTF-8"),
        ["a UTF-8 encoded surrogate"] = () => Bytes([.. Utf8("version: 1\n# "), 0xED, 0xA0, 0x80, .. Utf8("\n")], 2, 3, "not valid UTF-8"),
        ["UTF-8 cut off at the end"] = () => Bytes([.. Utf8("version: 1\n# "), 0xE2, 0x82], 2, 3, "not valid UTF-8"),
        ["a NUL byte hiding the rest of the file"] = () => Text("version: 1\ndisable: [a@example.com]\n\0\ngroups:\n  - name: Hidden\n", 3, 1, "NUL"),
        ["a bell character in a name"] = () => Text(Plan + "  - name: Te\aam\n", 3, 13, "U+0007"),
        ["a terminal escape sequence in a name"] = () => Text(Plan + "  - name: \u001b[2J\u001b[31mTeam\n", 3, 11, "U+001B"),
        ["an 8-bit terminal escape (U+009B) in a name"] = () => Text(Plan + "  - name: \u009b2JTeam\n", 3, 11, "U+009B"),
        ["a terminal escape written as a YAML escape"] = () => Text(Plan + "  - name: \"\\e[2JTeam\"\n", 3, 11, "U+001B"),
        ["an 8-bit terminal escape written as a YAML escape"] = () => Text(Plan + "  - name: \"\\x9b2JTeam\"\n", 3, 11, "U+009B"),
        ["a NUL written as a YAML escape"] = () => Text("version: 1\ndisable: [\"a@example.com\\0\"]\n", 2, 11, "NUL"),
        ["a DEL character"] = () => Text("version: 1\u007f\n", 1, 11, "U+007F"),
        ["a byte order mark inside the file"] = () => Text("version: 1\n\uFEFFgroups: []\n", 2, 1, "byte order mark"),
        ["a noncharacter U+FFFF"] = () => Text("version: 1\n# \uFFFF\n", 2, 3, "U+FFFF"),
    };

    public static IEnumerable<string> Names => Makers.Keys;

    public static Case Make(string name) => Makers[name]() with { Name = name };

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }

    private static Case Text(string text, int line, int column, string says) => Bytes(Utf8(text), line, column, says);

    private static Case Bytes(byte[] bytes, int line, int column, string says) => new("", bytes, line, column, says);

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Indent(int level) => new(' ', 2 * level);

    private static string Lines(int count, Func<int, string> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append(line(i)).Append('\n');
        return text.ToString();
    }

    private static string Anchored(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append($"&a{i} [");
        return text.ToString();
    }

    // Each list holds ten aliases of the one before: the last stands for 10^n values in a few hundred bytes.
    private static string TenfoldAliases(int n)
    {
        var yaml = new StringBuilder("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= n; i++) yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return yaml.ToString();
    }
}
