using System.Text.Json;
using System.Text.RegularExpressions;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>One problem with an uploaded file, as CCAI reports it: column number and row number, both from 1.</summary>
public sealed record SchemeError(string Message, int? Column, int? Row);

/// <summary>The bulk user file of CCAI Platform: a JSON array of user rows, checked as the platform does at proceed.</summary>
public static partial class BulkFile
{
    /// <summary>The columns in the order CCAI numbers them.</summary>
    public static readonly string[] Columns =
    [
        "email", "new_email", "agent_number", "first_name", "last_name", "status", "location",
        "max_chat_limit", "max_chat_limit_enabled", "roles", "teams",
    ];

    public static int ColumnOf(string name) => Array.IndexOf(Columns, name) + 1;

    /// <param name="maxChatLimit">The tenant's X in P2's "1 to X"; null where no bound is configured.</param>
    public static List<SchemeError> Validate(string json, out List<JsonElement> rows, int? maxChatLimit = null)
    {
        rows = [];
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException e)
        {
            return [new SchemeError($"File is not valid JSON: {e.Message}", null, null)];
        }
        if (root.ValueKind != JsonValueKind.Array) return [new SchemeError("File must be a JSON array of users", null, null)];

        var errors = new List<SchemeError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenNew = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var row in root.EnumerateArray())
        {
            number++;
            rows.Add(row);
            if (row.ValueKind != JsonValueKind.Object) { errors.Add(new("Row must be an object", null, number)); continue; }
            var email = Text(row, "email");
            if (string.IsNullOrWhiteSpace(email)) errors.Add(new("Email is required", ColumnOf("email"), number));
            else if (!EmailPattern().IsMatch(email)) errors.Add(new("Must be a valid email", ColumnOf("email"), number));
            else if (!seen.Add(email)) errors.Add(new("Email must be unique in the file", ColumnOf("email"), number));
            // P2: new_email "Must be unique within the file within New Email column".
            if (Text(row, "new_email") is { Length: > 0 } newEmail)
            {
                if (!EmailPattern().IsMatch(newEmail)) errors.Add(new("Must be a valid email", ColumnOf("new_email"), number));
                else if (!seenNew.Add(newEmail)) errors.Add(new("New email must be unique in the file", ColumnOf("new_email"), number));
            }
            // The vendor's file table marks both names required and non-empty.
            if (string.IsNullOrWhiteSpace(Text(row, "first_name"))) errors.Add(new("First name is required", ColumnOf("first_name"), number));
            if (string.IsNullOrWhiteSpace(Text(row, "last_name"))) errors.Add(new("Last name is required", ColumnOf("last_name"), number));
            if (Text(row, "status") is { Length: > 0 } status && status is not ("Active" or "Inactive"))
                errors.Add(new("Status must be Active, Inactive or empty", ColumnOf("status"), number));
            if (row.TryGetProperty("max_chat_limit", out var limit) && limit.ValueKind != JsonValueKind.Null
                && (WholeNumber(limit) is not { } chats || chats < 1 || chats > maxChatLimit))
                errors.Add(new(maxChatLimit is { } most
                    ? $"Max chat limit must be a whole number from 1 to {most}"
                    : "Max chat limit must be a whole number of at least 1", ColumnOf("max_chat_limit"), number));
            if (row.TryGetProperty("max_chat_limit_enabled", out var enabled) && enabled.ValueKind != JsonValueKind.Null && WholeNumber(enabled) is not (0 or 1))
                errors.Add(new("Max chat limit enabled must be 0 or 1", ColumnOf("max_chat_limit_enabled"), number));
            foreach (var list in new[] { "roles", "teams" })
                if (row.TryGetProperty(list, out var items) && items.ValueKind != JsonValueKind.Null && !IsNameValueList(items))
                    errors.Add(new($"{char.ToUpperInvariant(list[0])}{list[1..]} must be a list of {{\"name\", \"value\"}} with value 0 or 1", ColumnOf(list), number));
        }
        return errors;
    }

    public static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    public static IEnumerable<(string Name, bool On)> NameValues(JsonElement row, string name) =>
        row.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => (i.GetProperty("name").GetString()!, i.GetProperty("value").GetInt32() == 1))
            : [];

    private static bool IsNameValueList(JsonElement items) =>
        items.ValueKind == JsonValueKind.Array && items.EnumerateArray().All(i =>
            i.ValueKind == JsonValueKind.Object
            && i.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            && i.TryGetProperty("value", out var v) && WholeNumber(v) is 0 or 1);

    // TryGetInt32 throws on anything but a number, and a file may hold anything.
    private static int? WholeNumber(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
