using System.Text.Json.Nodes;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// A resource's attributes by the names the `attributes` parameter uses (RFC 7644 §3.10): a core attribute by its
/// name, an extension's as "schema-id:name", kept in the extension's own object.
/// </summary>
internal static class ScimResourceJson
{
    public static JsonNode? ValueAt(JsonObject resource, string name) =>
        Split(name) is ({ } schema, var attribute) ? (resource[schema] as JsonObject)?[attribute] : resource[name];

    public static void SetAt(JsonObject resource, string name, JsonNode? value)
    {
        if (Split(name) is ({ } schema, var attribute)) ExtensionOf(resource, schema)[attribute] = value;
        else resource[name] = value;
    }

    /// <summary>The extension's object, made (and named in "schemas") where the resource has none yet.</summary>
    public static JsonObject ExtensionOf(JsonObject resource, string schema)
    {
        if (resource[schema] is JsonObject held) return held;
        var extension = new JsonObject();
        resource[schema] = extension;
        var schemas = resource["schemas"] as JsonArray ?? [];
        if (!schemas.Any(s => JsonText.Of(s) == schema)) schemas.Add(schema);
        resource["schemas"] = schemas.DeepClone();
        return extension;
    }

    private static (string? Schema, string Attribute) Split(string name)
    {
        var at = name.LastIndexOf(':');
        return at > 0 ? (name[..at], name[(at + 1)..]) : (null, name);
    }
}
