using System.Globalization;
using System.Text.Json;
using UserMgmt.Operations;

namespace UserMgmt.Bulk;

/// <summary>
/// Builds one row from a file's named values, holding each to what its column may contain. A problem
/// names the row and field, and a row with any is left out rather than sent half right. The row keeps
/// its values as read, to be shown again if the platform refuses it.
/// </summary>
internal sealed class BulkRowBuilder(BulkFileReading reading, int row, int line, int? column = null)
{
    private readonly string?[] _text = new string?[BulkColumns.Count];
    private string?[]? _nameOf;
    // A cell's names, shared by every row with the same cell, until a second source for the column adds to them.
    private IReadOnlyList<string>? _roles, _teams, _leftTeams;
    private int? _maxChatLimit;
    private bool? _maxChatLimitEnabled;
    private bool _hasColumn;
    private bool _failed;

    /// <summary>A value from a CSV cell, already trimmed; empty means absent. The header gave each column one name for all rows.</summary>
    public void Add(string name, BulkColumn? column, string text)
    {
        if (column is not { } known) return;
        _hasColumn = true;
        if (text.Length > 0) AddText(known, name, text);
    }

    /// <summary>
    /// A value from a JSON property, with <paramref name="plain"/> as <see cref="BulkFileRecord.FromJson"/> read it;
    /// null means absent, and each column takes only the kinds that make sense for it.
    /// </summary>
    public void Add(string name, JsonElement value, object? plain)
    {
        if (BulkColumns.Find(name) is not { } column || !Claim(column, name)) return;
        try
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    break;
                // Trimmed of spaces as CsvHelper trims a cell, so the address the checks see is the one sent.
                case JsonValueKind.String when plain is string text && text.Trim(' ') is { Length: > 0 } trimmed:
                    AddText(column, name, trimmed);
                    break;
                case JsonValueKind.String:
                    break;
                case JsonValueKind.Number when column == BulkColumn.AgentNumber:
                    AddText(column, name, value.GetRawText());
                    break;
                case JsonValueKind.Number when column == BulkColumn.MaxChatLimit:
                    if (value.TryGetInt32(out var limit)) _maxChatLimit = limit;
                    else Problem(name, $"{Raw(value)} is not a whole number.");
                    break;
                case JsonValueKind.Number when column == BulkColumn.MaxChatLimitEnabled:
                    if (value.TryGetInt32(out var flag) && flag is 0 or 1) _maxChatLimitEnabled = flag == 1;
                    else Problem(name, $"{Raw(value)} is not 1 or 0.");
                    break;
                case JsonValueKind.True or JsonValueKind.False when column == BulkColumn.MaxChatLimitEnabled:
                    _maxChatLimitEnabled = value.GetBoolean();
                    break;
                case JsonValueKind.Array when column is BulkColumn.Roles or BulkColumn.Teams:
                    AddItems(column, name, value);
                    break;
                default:
                    Problem(name, $"Expected {Expected(column)}, not {Describe(value)}.");
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            // The reader lets an escaped half of a UTF-16 character (\ud800) through; turning it into text fails.
            Problem(name, "The value is not valid text: it escapes half of a UTF-16 character.");
        }
    }

    /// <summary>Adds the row to the file's rows unless it had a problem; <paramref name="record"/> is the row as it came in.</summary>
    public void Finish(BulkFileRecord record)
    {
        if (!_hasColumn && !_failed)
            Problem(null, $"The row has none of the bulk file's columns ({BulkColumns.All}).");
        if (_failed) return;
        reading.Add(new BulkUserRow
        {
            Email = _text[(int)BulkColumn.Email],
            NewEmail = _text[(int)BulkColumn.NewEmail],
            AgentNumber = _text[(int)BulkColumn.AgentNumber],
            FirstName = _text[(int)BulkColumn.FirstName],
            LastName = _text[(int)BulkColumn.LastName],
            Status = _text[(int)BulkColumn.Status],
            Location = _text[(int)BulkColumn.Location],
            MaxChatLimit = _maxChatLimit,
            MaxChatLimitEnabled = _maxChatLimitEnabled,
            Roles = _roles ?? [],
            Teams = _teams ?? [],
            LeftTeams = _leftTeams ?? [],
            SourceRow = row,
            SourceFile = reading.File,
            InputObject = record,
        });
    }

    public void Problem(string? field, string message, int? at = null)
    {
        _failed = true;
        reading.Add(new BulkFileProblem(reading.File, message) { Line = line, Column = at ?? column, Row = row, Field = field });
    }

    /// <summary>Takes the column for this name, unless another name in the row already gave it.</summary>
    private bool Claim(BulkColumn column, string name)
    {
        _hasColumn = true;
        _nameOf ??= new string?[BulkColumns.Count];
        if (_nameOf[(int)column] is not { } first)
        {
            _nameOf[(int)column] = name;
            return true;
        }
        Problem(name, $"'{first}' and '{name}' both give the {BulkColumns.NameOf(column)} column; keep one.");
        return false;
    }

    private void AddText(BulkColumn column, string name, string text)
    {
        if (!IsPlain(name, text)) return;
        switch (column)
        {
            case BulkColumn.MaxChatLimit:
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit)) _maxChatLimit = limit;
                else Problem(name, $"{BulkFileReading.Quote(text)} is not a whole number.");
                break;
            case BulkColumn.MaxChatLimitEnabled:
                if (InputText.ParseFlag(text) is { } flag) _maxChatLimitEnabled = flag;
                else Problem(name, $"{BulkFileReading.Quote(text)} is not a yes/no value (1/0, true/false, yes/no).");
                break;
            case BulkColumn.Roles:
                AddNames(ref _roles, reading.Names(text));
                break;
            case BulkColumn.Teams:
                AddNames(ref _teams, reading.Names(text));
                break;
            case BulkColumn.Location or BulkColumn.Status or BulkColumn.FirstName:
                _text[(int)column] = reading.Share(text);
                break;
            default:
                _text[(int)column] = text;
                break;
        }
    }

    // Lists come as "A;B", ["A","B"], or in the platform's own [{"name":"A","value":1}], where 0 means "not in".
    private void AddItems(BulkColumn column, string name, JsonElement items)
    {
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            index++;
            if (item.ValueKind == JsonValueKind.String)
            {
                if (item.GetString() is { } text && IsPlain(name, text))
                {
                    if (column == BulkColumn.Roles) AddNames(ref _roles, reading.Names(text));
                    else AddNames(ref _teams, reading.Names(text));
                }
                continue;
            }
            if (item.ValueKind != JsonValueKind.Object)
            {
                Problem(name, $"Item {index} is {Describe(item)}; expected a name or {{\"name\": \"...\", \"value\": 1}}.");
                continue;
            }
            if (NamedItem(name, index, item) is not (var itemName, var held)) continue;
            string[] one = [reading.Share(itemName)];
            if (held && column == BulkColumn.Roles) AddNames(ref _roles, one);
            else if (held) AddNames(ref _teams, one);
            else if (column == BulkColumn.Teams) AddNames(ref _leftTeams, one);
        }
    }

    private (string Name, bool Held)? NamedItem(string field, int index, JsonElement item)
    {
        string? name = null;
        var held = true;
        foreach (var property in item.EnumerateObject())
        {
            if (property.NameEquals("name"))
            {
                if (name is not null) return Fail($"Item {index} has \"name\" twice.");
                if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
                    return Fail($"Item {index}: \"name\" must be text, not {Describe(property.Value)}.");
                name = property.Value.GetString()!;
                if (!IsPlain(field, name)) return null;
            }
            else if (property.NameEquals("value"))
            {
                var value = property.Value;
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) held = value.GetBoolean();
                else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is 0 or 1) held = n == 1;
                else return Fail($"Item {index}: \"value\" must be 1 (in) or 0 (not in), not {Raw(value)}.");
            }
        }
        return name is null ? Fail($"Item {index} has no \"name\".") : (name.Trim(), held);

        (string, bool)? Fail(string message)
        {
            Problem(field, message);
            return null;
        }
    }

    private bool IsPlain(string name, string text)
    {
        if (text.Length > BulkFileLimits.MaxFieldChars)
        {
            Problem(name, FormattableString.Invariant($"The value is {text.Length:N0} characters long; a field may hold at most {BulkFileLimits.MaxFieldChars:N0}."));
            return false;
        }
        var control = 0;
        while (control < text.Length && !char.IsControl(text[control])) control++;
        if (control == text.Length) return true;
        Problem(name, $"The value holds a control character (U+{(int)text[control]:X4}) at character {control + 1}; names and addresses are one line of text.");
        return false;
    }

    private static void AddNames(ref IReadOnlyList<string>? names, IReadOnlyList<string> more)
    {
        if (names is null)
        {
            names = more;
            return;
        }
        var merged = names as List<string> ?? [.. names];
        foreach (var name in more)
            if (!merged.Contains(name, StringComparer.OrdinalIgnoreCase)) merged.Add(name);
        names = merged;
    }

    private static string Expected(BulkColumn column) => column switch
    {
        BulkColumn.MaxChatLimit => "a whole number",
        BulkColumn.MaxChatLimitEnabled => "true/false or 1/0",
        BulkColumn.Roles or BulkColumn.Teams => "a list of names",
        _ => "text",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => $"the number {Raw(value)}",
        JsonValueKind.String => $"the text {Raw(value)}",
        _ => Raw(value),
    };

    private static string Raw(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }
}
