using System.Globalization;
using System.Text.Json;

namespace UserMgmt.Providers.AppXite;

/// <summary>
/// Reads AppXite's answers by the names in the map, in any case, and tolerates the shapes a field may take: text or
/// number for ids, text or flag for booleans, a bare list or one inside an object for lists.
/// </summary>
internal static class AppXiteJson
{
    public static JsonElement? Field(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    public static string? Text(JsonElement element, string name) => Field(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    public static bool? Flag(JsonElement element, string name) => Field(element, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => null,
    };

    public static int? Number(JsonElement element, string name) =>
        Text(element, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && Math.Abs(n) <= int.MaxValue
            ? (int)n
            : null;

    /// <summary>
    /// A list of texts, or of objects whose name or id is taken (under the names given, where the things listed have
    /// names of their own in the map): services list related things either way.
    /// </summary>
    public static IReadOnlyList<string> Texts(JsonElement element, string name, string itemName = "name", string itemId = "id") =>
        Field(element, name) is { ValueKind: JsonValueKind.Array } list
        ? list.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Number => item.GetRawText(),
            JsonValueKind.Object => Text(item, itemName) ?? Text(item, itemId),
            _ => null,
        }).OfType<string>().ToList()
        : [];

    /// <summary>The items of a list answer: a bare list, the named list inside an object, else its only list.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement answer, string name) => answer.ValueKind switch
    {
        JsonValueKind.Array => answer.EnumerateArray().ToList(),
        JsonValueKind.Object when Field(answer, name) is { ValueKind: JsonValueKind.Array } named => named.EnumerateArray().ToList(),
        JsonValueKind.Object when answer.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList() is [var only] =>
            only.Value.EnumerateArray().ToList(),
        _ => throw new FormatException($"AppXite's answer holds no list of items (looked for '{name}'); set the Paging.Items option to the name it uses."),
    };
}
