using System.Text.Json;

namespace UserMgmt.Providers.Scim;

/// <summary>The /Schemas answer (RFC 7643 §7): which attributes of the given schemas a client may write, and which a service returns only on request.</summary>
internal static class ScimSchemaList
{
    /// <summary>The writable attribute names, or null where the answer describes none of the schemas.</summary>
    public static IReadOnlySet<string>? WritableAttributes(JsonElement answer, IReadOnlyList<string> schemaIds)
    {
        var described = Described(answer, schemaIds);
        if (described.Count == 0) return null;
        return described.SelectMany(s => Attributes(s.Schema)).Where(a => !IsReadOnly(a.Attribute)).Select(a => a.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The writable attributes a service returns only when asked for by name ("returned": "request"), as the
    /// `attributes` parameter names them: core ones by name, an extension's as its schema id and name.
    /// </summary>
    public static IReadOnlyList<string> ReturnedOnRequest(JsonElement answer, string coreSchema, IReadOnlyList<string> schemaIds) =>
        Described(answer, schemaIds)
            .SelectMany(s => Attributes(s.Schema).Where(a => !IsReadOnly(a.Attribute) && Says(a.Attribute, "returned", "request"))
                .Select(a => s.Id == coreSchema ? a.Name : $"{s.Id}:{a.Name}"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static List<(string Id, JsonElement Schema)> Described(JsonElement answer, IReadOnlyList<string> schemaIds)
    {
        var resources = answer.ValueKind switch
        {
            JsonValueKind.Array => answer.EnumerateArray().ToList(),
            // Attribute names are case-insensitive (RFC 7643 §2.1): "resources" is the list too.
            JsonValueKind.Object when answer.EnumerateObject().FirstOrDefault(p => p.Name.Equals("Resources", StringComparison.OrdinalIgnoreCase))
                .Value is { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().ToList(),
            _ => [],
        };
        return resources.Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("id", out var id)
                                    && id.ValueKind == JsonValueKind.String && schemaIds.Contains(id.GetString()))
            .Select(r => (r.GetProperty("id").GetString()!, r)).ToList();
    }

    private static IEnumerable<(string Name, JsonElement Attribute)> Attributes(JsonElement schema)
    {
        if (!schema.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Array) yield break;
        foreach (var attribute in attributes.EnumerateArray())
            if (attribute.ValueKind == JsonValueKind.Object && attribute.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && name.GetString() is { Length: > 0 } text && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$'))
                yield return (text, attribute);
    }

    // "mutability" defaults to readWrite (RFC 7643 §7).
    private static bool IsReadOnly(JsonElement attribute) => Says(attribute, "mutability", "readOnly") || Says(attribute, "mutability", "immutable");

    private static bool Says(JsonElement attribute, string property, string value) =>
        attribute.TryGetProperty(property, out var said) && said.ValueKind == JsonValueKind.String && said.GetString() == value;
}
