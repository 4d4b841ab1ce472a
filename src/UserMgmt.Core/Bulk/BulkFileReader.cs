using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using UserMgmt.Operations;

namespace UserMgmt.Bulk;

/// <summary>
/// Reads bulk rows from a JSON file (an array of objects, as the platform's own file) or a CSV file,
/// accepting the platform's column names and the usual spreadsheet ones.
/// </summary>
public static class BulkFileReader
{
    public static BulkFileRead Read(string path)
    {
        try
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"No such file: {path}", path);
            var isJson = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
            var records = isJson ? ReadJson(path) : ReadCsv(path);
            return new BulkFileRead { File = path, Rows = records.Select((fields, i) => FromFields(fields, i + 1, path)).ToList(), Problems = [] };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new BulkFileRead { File = path, Rows = [], Problems = [new BulkFileProblem(path, e.Message)] };
        }
    }

    /// <summary>A row from named values; names are matched without regard to case, underscores or spaces.</summary>
    public static BulkUserRow FromFields(IReadOnlyDictionary<string, object?> fields, int sourceRow, string? sourceFile)
    {
        var byKey = fields.ToDictionary(f => Key(f.Key), f => f.Value);
        string? Text(params string[] names) => names.Select(n => byKey.GetValueOrDefault(Key(n))).Select(AsText).FirstOrDefault(v => v is not null);
        IReadOnlyList<string> List(params string[] names) =>
            InputText.SplitList(names.Select(n => byKey.GetValueOrDefault(Key(n))).Where(v => v is not null).SelectMany(AsList));

        return new BulkUserRow
        {
            Email = Text("email", "mail", "emailaddress", "userprincipalname"),
            NewEmail = Text("new_email"),
            AgentNumber = Text("agent_number"),
            FirstName = Text("first_name", "givenname"),
            LastName = Text("last_name", "surname"),
            Status = Text("status"),
            Location = Text("location", "office"),
            MaxChatLimit = int.TryParse(Text("max_chat_limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null,
            MaxChatLimitEnabled = InputText.ParseFlag(Text("max_chat_limit_enabled")),
            Roles = List("roles", "role"),
            Teams = List("teams", "team", "groups", "group"),
            SourceRow = sourceRow,
            SourceFile = sourceFile,
            InputObject = fields,
        };
    }

    private static string Key(string name) => name.Replace("_", "").Replace(" ", "").ToLowerInvariant();

    private static string? AsText(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } e => NullIfBlank(e.GetString()),
        JsonElement { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } e => e.GetRawText(),
        JsonElement => null,
        _ => NullIfBlank(value.ToString()),
    };

    // Lists arrive as "A;B", as ["A","B"], or in the platform's own [{"name":"A","value":1}].
    private static IEnumerable<string?> AsList(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Object when item.TryGetProperty("name", out var name)
                && (!item.TryGetProperty("value", out var on) || on.ValueKind != JsonValueKind.Number || on.GetInt32() == 1) => name.GetString(),
            _ => null,
        }),
        _ => [AsText(value)],
    };

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static List<IReadOnlyDictionary<string, object?>> ReadJson(string path)
    {
        using var stream = File.OpenRead(path);
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).", e);
        }
        if (root.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: must hold a JSON array of user objects.");
        return root.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
            ? (IReadOnlyDictionary<string, object?>)item.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
            : throw new InvalidDataException($"{path}: item {i + 1} is not an object.")).ToList();
    }

    private static List<IReadOnlyDictionary<string, object?>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.Trim });
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        try
        {
            foreach (IDictionary<string, object?> record in csv.GetRecords<dynamic>())
                rows.Add(record.ToDictionary(f => f.Key, f => f.Value));
        }
        catch (CsvHelperException e)
        {
            throw new InvalidDataException($"{path}: line {csv.Parser.RawRow}: {e.Message.Split('\n')[0]}", e);
        }
        return rows;
    }
}
