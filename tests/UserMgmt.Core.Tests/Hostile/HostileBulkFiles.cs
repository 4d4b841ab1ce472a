using System.Text;
using UserMgmt.Bulk;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// Writes hostile bulk files: every encoding mistake, ragged rows, open quotes, repeated and
/// normalised-repeated headers, wrong-typed values, deep nesting, huge scalars and huge row counts
/// (streamed to disk, never built in memory). Each case says where its first problem must be reported.
/// </summary>
public static class HostileBulkFiles
{
    /// <summary>Where the first problem must be, and words its message must contain; null means "not stated".</summary>
    public sealed record Expected(string Says, int? Line = null, int? Column = null, int? Row = null, string? Field = null);

    public sealed record Case(string FileName, Action<string> Write, Expected First);

    private const string Header = "Email,LastName\n";

    public static IReadOnlyDictionary<string, Case> All { get; } = Build();

    public static TheoryData<string> Names() => new(All.Keys.Order());

    private static Dictionary<string, Case> Build()
    {
        var cases = new Dictionary<string, Case>();
        void Text(string name, string file, string text, Expected first) => cases.Add(name, new(file, p => File.WriteAllText(p, text), first));
        void Bytes(string name, string file, byte[] bytes, Expected first) => cases.Add(name, new(file, p => File.WriteAllBytes(p, bytes), first));
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        byte[] Utf16(string text) => Encoding.Unicode.GetBytes(text);

        // Encodings: UTF-8 and UTF-16 with a byte order mark are read; everything else stops at its first bad byte.
        Bytes("csv-latin1", "agents.csv", [.. Utf8(Header + "a@company.com,M"), 0xFC, .. Utf8("ller\n")], new("0xFC", 2, 16));
        Bytes("csv-windows-1252-quotes", "agents.csv", [.. Utf8(Header + "a@company.com,"), 0x93, .. Utf8("Bo"), 0x94, .. Utf8("\n")], new("0x93", 2, 15));
        Bytes("csv-broken-continuation", "agents.csv", [.. Utf8(Header + "a@company.com,"), 0xC3, 0x28, .. Utf8("\n")], new("0xC3", 2, 15));
        Bytes("csv-overlong-utf8", "agents.csv", [.. Utf8(Header + "a@company.com,"), 0xC0, 0xAF, .. Utf8("\n")], new("0xC0", 2, 15));
        Bytes("csv-utf8-encoded-surrogate", "agents.csv", [.. Utf8(Header + "a@company.com,"), 0xED, 0xA0, 0x80, .. Utf8("\n")], new("0xED", 2, 15));
        Bytes("csv-utf8-cut-at-end", "agents.csv", [.. Utf8(Header + "a@company.com,Caf"), 0xC3], new("0xC3", 2, 18));
        Bytes("csv-utf8-bad-byte-after-bom", "agents.csv", [0xEF, 0xBB, 0xBF, .. Utf8(Header + "a@company.com,"), 0xFF, .. Utf8("\n")], new("0xFF", 2, 15));
        Bytes("csv-utf16-without-bom", "agents.csv", Utf16(Header + "a@company.com,A\n"), new("NUL", 1, 2));
        Bytes("csv-utf16-unpaired-surrogate", "agents.csv", [0xFF, 0xFE, .. Utf16(Header + "a@company.com,X"), 0x00, 0xD8, .. Utf16("\n")], new("half of a UTF-16", 2, 16));
        Bytes("csv-utf16-odd-length", "agents.csv", [0xFF, 0xFE, .. Utf16(Header + "a@company.com,X\n"), 0x41], new("middle of a UTF-16", 3, 1));
        Bytes("csv-utf32", "agents.csv", [0xFF, 0xFE, 0, 0, .. Encoding.UTF32.GetBytes(Header)], new("UTF-32", 1, 1));
        Bytes("csv-nul-in-a-name", "agents.csv", Utf8(Header + "a@company.com,Ann\0Lee\n"), new("NUL", 2, 18));

        // Empty and nearly empty.
        Text("csv-empty", "agents.csv", "", new("empty"));
        Bytes("csv-bom-only", "agents.csv", [0xEF, 0xBB, 0xBF], new("empty"));
        Text("csv-blank-lines-only", "agents.csv", "\n\r\n  \n,,\n", new("no header"));
        Text("csv-header-only", "agents.csv", Header, new("no rows", 2));

        // Rows that do not fit the header.
        Text("csv-row-with-more-fields", "agents.csv", Header + "a@company.com,A,extra\n", new("3 fields; the header has 2", 2, Row: 1));
        Text("csv-row-with-fewer-fields", "agents.csv", Header + "a@company.com,A\nb@company.com\n", new("1 field; the header has 2", 3, Row: 2));

        // Quotes.
        Text("csv-quote-never-closed", "agents.csv", Header + "a@company.com,\"Smith\nb@company.com,Jones\n", new("not closed", 2, 15, 1, "LastName"));
        Text("csv-quote-never-closed-at-end", "agents.csv", Header + "a@company.com,\"Smith", new("not closed", 2, 15, 1, "LastName"));
        Text("csv-quote-inside-a-field", "agents.csv", Header + "a@company.com,Sm\"ith\n", new("inside a field", 2, 15, 1, "LastName"));
        Text("csv-text-after-closing-quote", "agents.csv", Header + "a@company.com,\"Jo\"nes\n", new("follows the closing quote", 2, 15, 1, "LastName"));
        Text("csv-line-break-inside-quotes", "agents.csv", Header + "a@company.com,\"Two\nLines\"\n", new("not closed on the same line", 2, 15, 1, "LastName"));
        Text("csv-mixed-line-endings-then-open-quote", "agents.csv", "Email,LastName\r\na@company.com,A\rb@company.com,B\nc@company.com,\"C\r\n",
            new("not closed", 4, 15, 3, "LastName"));
        Text("csv-quote-opening-the-first-field", "agents.csv", Header + "\"a@company.com,A\nb@company.com,B\n", new("not closed", 2, 1, 1, "Email"));
        Text("csv-quote-in-header", "agents.csv", "Email,\"Last\nName\na@company.com,A\n", new("not closed", 1, 7, Field: "Last"));

        // Headers.
        Text("csv-repeated-header", "agents.csv", "Email,LastName,Email\na@company.com,A,b@company.com\n", new("repeats column 1", 1, Field: "Email"));
        Text("csv-header-equal-after-normalising", "agents.csv", "email,Last Name,LastName\na@company.com,A,B\n", new("'Last Name'", 1, Field: "LastName"));
        Text("csv-two-names-for-one-column", "agents.csv", "Email,Mail,LastName\na@company.com,b@company.com,A\n", new("email column", 1, Field: "Mail"));
        Text("csv-no-email-column", "agents.csv", "Emial,LastName\na@company.com,A\n", new("no email column", 1));

        // Values.
        Text("csv-fraction-for-a-whole-number", "agents.csv", "Email,LastName,MaxChatLimit\na@company.com,A,1.5\n", new("'1.5' is not a whole number", 2, Row: 1, Field: "MaxChatLimit"));
        Text("csv-number-too-large", "agents.csv", "Email,LastName,MaxChatLimit\na@company.com,A,99999999999\n", new("not a whole number", 2, Row: 1, Field: "MaxChatLimit"));
        Text("csv-neither-yes-nor-no", "agents.csv", "Email,LastName,MaxChatLimitEnabled\na@company.com,A,maybe\n", new("'maybe' is not a yes/no value", 2, Row: 1, Field: "MaxChatLimitEnabled"));
        Text("csv-control-character", "agents.csv", Header + "a@company.com,A\u0001B\n", new("control character (U+0001)", 2, Row: 1, Field: "LastName"));
        Text("csv-tab-in-a-team", "agents.csv", "Email,LastName,Teams\na@company.com,A,Night\tShift\n", new("control character (U+0009)", 2, Row: 1, Field: "Teams"));

        // Sizes.
        Text("csv-huge-field", "agents.csv", Header + "a@company.com," + new string('x', BulkFileLimits.MaxFieldChars + 10) + "\n", new("longer than 8,192 characters", 2));
        Text("csv-huge-line", "agents.csv", Header + string.Join(",", Enumerable.Repeat("ab", 30_000)) + "\n", new("longer than 65,536 characters", 2, 65_537));
        cases.Add("csv-too-many-rows", new("agents.csv", p => AgentFiles.Write(p, BulkFileLimits.MaxRows + 1),
            new("more than 100,000 rows", BulkFileLimits.MaxRows + 2, Row: BulkFileLimits.MaxRows + 1)));
        Text("csv-too-many-problems", "agents.csv", Header + string.Concat(Enumerable.Repeat("x\n", 1_000)), new("1 field", 2, Row: 1));
        cases.Add("csv-over-the-size-limit", new("agents.csv", p => { using var s = File.Create(p); s.SetLength(BulkFileLimits.MaxFileBytes + 1); }, new("32 MiB")));

        // Paths that are no file to read.
        cases.Add("path-is-a-folder", new("folder.csv", p => Directory.CreateDirectory(p), new("folder")));
        cases.Add("path-is-missing", new("missing.csv", _ => { }, new("no such file")));

        // JSON: shape.
        Text("json-deep-arrays", "agents.json", new string('[', 60_000), new("depth of 16", 1, 17));
        Text("json-deep-objects-in-a-field", "agents.json", "[{\"email\": \"a@company.com\", \"teams\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 40)) + "1" + new string('}', 40) + "}]",
            new("depth of 16", 1, 37 + 6 * 14 + 1));
        Text("json-top-level-text", "agents.json", "\"a@company.com\"", new("array of users", 1, 1));
        Text("json-top-level-number", "agents.json", "  42", new("array of users", 1, 3));
        Text("json-top-level-null", "agents.json", "null", new("array of users", 1, 1));
        Text("json-trailing-garbage", "agents.json", "[{\"email\": \"a@company.com\", \"last_name\": \"A\"}] xyz", new("invalid after a single JSON value", 1, 48));
        Text("json-second-value", "agents.json", "[]\n[]", new("invalid after a single JSON value", 2, 1));
        Text("json-cut-short", "agents.json", "[{\"email\": \"a@company.com\",", new("Not valid JSON", 1));
        Text("json-comment", "agents.json", "[ // agents\n{\"email\": \"a@company.com\", \"last_name\": \"A\"}]", new("Not valid JSON", 1, 3));
        Text("json-empty-array", "agents.json", "[]", new("no users"));
        Text("json-only-whitespace", "agents.json", " \n ", new("Not valid JSON"));
        Text("json-item-not-an-object", "agents.json", "[\"a@company.com\"]", new("is text, not a user object", 1, 2, 1));
        Text("json-item-a-list", "agents.json", "[\n  [\"a@company.com\", \"A\"]\n]", new("is a list, not a user object", 2, 3, 1));
        Text("json-empty-object", "agents.json", "[{}]", new("none of the bulk file's columns", 1, 2, 1));
        Text("json-duplicate-key", "agents.json", "[{\"email\": \"a@company.com\", \"email\": \"b@company.com\", \"last_name\": \"A\"}]", new("appears twice", 1, 2, 1, "email"));
        Text("json-keys-equal-after-normalising", "agents.json", "[{\"first_name\": \"A\", \"FirstName\": \"B\", \"email\": \"a@company.com\"}]", new("'first_name'", 1, 2, 1, "FirstName"));
        Text("json-many-items-that-are-not-users", "agents.json", "[" + string.Join(",", Enumerable.Repeat("0", 10_000)) + "]", new("is a number", 1, 2, 1));

        // JSON: text.
        Bytes("json-invalid-utf8-in-a-string", "agents.json", [.. Utf8("[{\"email\": \"a@company.com\",\n \"last_name\": \"M"), 0xFC, .. Utf8("ller\"}]")], new("0xFC", 2, 17));
        Bytes("json-utf16-without-bom", "agents.json", Utf16("[{\"email\": \"a@company.com\"}]"), new("NUL", 1, 2));
        Text("json-escaped-nul", "agents.json", "[{\"email\": \"a@company.com\", \"last_name\": \"A\\u0000B\"}]", new("control character (U+0000)", 1, 2, 1, "last_name"));
        Text("json-raw-tab-in-a-string", "agents.json", "[{\"email\": \"a@company.com\", \"last_name\": \"A\tB\"}]", new("Not valid JSON", 1));
        Text("json-escaped-half-surrogate", "agents.json", "[{\"email\": \"a@company.com\", \"last_name\": \"\\ud800\"}]", new("half of a UTF-16", 1, 2, 1, "last_name"));

        // JSON: sizes.
        Text("json-huge-item", "agents.json", "[{\"email\": \"a@company.com\", \"last_name\": \"" + new string('x', 100_000) + "\"}]", new("64 KiB", 1, 2, 1));
        Text("json-long-field", "agents.json", "[{\"email\": \"a@company.com\", \"last_name\": \"" + new string('x', 10_000) + "\"}]", new("at most 8,192", 1, 2, 1, "last_name"));
        Text("json-huge-number", "agents.json", "[{\"email\": \"a@company.com\", \"max_chat_limit\": " + new string('9', 50_000) + "}]", new("not a whole number", 1, 2, 1, "max_chat_limit"));
        cases.Add("json-too-many-rows", new("agents.json", p => AgentFiles.Write(p, BulkFileLimits.MaxRows + 1),
            new("more than 100,000 rows", BulkFileLimits.MaxRows + 2, Row: BulkFileLimits.MaxRows + 1)));

        // JSON: a wrong type for every field.
        foreach (var (field, value, says) in WrongTypes())
        {
            var others = new[] { "\"email\": \"a@company.com\"", "\"last_name\": \"A\"" }.Where(f => !f.StartsWith($"\"{field}\""));
            Text($"json-{field}-{value}", "agents.json", $"[{{{string.Join(", ", others)}, \"{field}\": {value}}}]", new(says, 1, 2, 1, field));
        }
        return cases;
    }

    private static IEnumerable<(string Field, string Value, string Says)> WrongTypes()
    {
        foreach (var field in new[] { "email", "new_email", "first_name", "last_name", "status", "location" })
            foreach (var value in new[] { "5", "true", "{}", "[]" })
                yield return (field, value, "Expected text");
        foreach (var value in new[] { "false", "{}", "[\"1\"]" }) yield return ("agent_number", value, "Expected text");
        yield return ("max_chat_limit", "1.5", "not a whole number");
        yield return ("max_chat_limit", "1e400", "not a whole number");
        yield return ("max_chat_limit", "\"many\"", "not a whole number");
        yield return ("max_chat_limit", "true", "Expected a whole number");
        yield return ("max_chat_limit", "[]", "Expected a whole number");
        yield return ("max_chat_limit_enabled", "2", "not 1 or 0");
        yield return ("max_chat_limit_enabled", "\"maybe\"", "not a yes/no value");
        yield return ("max_chat_limit_enabled", "{}", "Expected true/false");
        foreach (var field in new[] { "roles", "teams" })
        {
            yield return (field, "5", "Expected a list");
            yield return (field, "true", "Expected a list");
            yield return (field, "{\"name\": \"A\"}", "Expected a list");
            yield return (field, "[5]", "Item 1 is the number 5");
            yield return (field, "[[]]", "Item 1 is a list");
            yield return (field, "[{\"value\": 1}]", "has no \"name\"");
            yield return (field, "[{\"name\": 5}]", "\"name\" must be text");
            yield return (field, "[{\"name\": \"A\", \"value\": 1.5}]", "\"value\" must be 1");
            yield return (field, "[{\"name\": \"A\", \"value\": \"1\"}]", "\"value\" must be 1");
            yield return (field, "[{\"name\": \"A\", \"name\": \"B\"}]", "\"name\" twice");
        }
    }
}
