using System.Text.Json;

namespace UserMgmt.Providers.Scim;

/// <summary>The /Schemas answer (RFC 7643 §7): which attributes of the given schemas a client may write.</summary>
internal static class ScimSchemaList
{
    /// <summary>The writable attribute names, or null where the answer describes none of the schemas.</summary>
    public static IReadOnlySet<string>? WritableAttributes(JsonElement answer, IReadOnlyList<string> schemaIds)
    {
        var resources = answer.ValueKind switch
        {
            JsonValueKind.Array => answer.EnumerateArray().ToList(),
            JsonValueKind.Object when answer.TryGetProperty("Resources", out var list) && list.ValueKind == JsonValueKind.Array => list.EnumerateArray().ToList(),
            _ => [],
        };
        var described = resources.Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("id", out var id)
                                              && id.ValueKind == JsonValueKind.String && schemaIds.Contains(id.GetString())).ToList();
        if (described.Count == 0) return null;
        var writable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var schema in described)
        {
            if (!schema.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Array) continue;
            foreach (var attribute in attributes.EnumerateArray())
                if (attribute.ValueKind == JsonValueKind.Object && attribute.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && !IsReadOnly(attribute))
                    writable.Add(name.GetString()!);
        }
        return writable;
    }

    // "mutability" defaults to readWrite (RFC 7643 §7).
    private static bool IsReadOnly(JsonElement attribute) =>
        attribute.TryGetProperty("mutability", out var mutability) && mutability.ValueKind == JsonValueKind.String
        && mutability.GetString() is "readOnly" or "immutable";
}
