using System.Text.Json;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// What a SCIM service says it supports (RFC 7643 §5, /ServiceProviderConfig), read once per connection. Each
/// feature counts only where it says "supported": true; a missing or unreadable one is taken as unsupported, so
/// the provider falls back to plain requests rather than send what the service may refuse.
/// </summary>
internal sealed record ScimServiceConfig(bool Patch, bool Filter, int? MaxResults, bool Bulk, int MaxOperations, long MaxPayloadSize, bool ETag)
{
    /// <summary>A service that says nothing: plain requests, no filter, no bulk.</summary>
    public static readonly ScimServiceConfig Minimal = new(false, false, null, false, 0, 0, false);

    public static ScimServiceConfig From(JsonElement config) => new(
        Patch: Supported(config, "patch"),
        Filter: Supported(config, "filter"),
        MaxResults: Positive(config, "filter", "maxResults"),
        Bulk: Supported(config, "bulk") && Positive(config, "bulk", "maxOperations") is > 0,
        MaxOperations: Positive(config, "bulk", "maxOperations") ?? 0,
        MaxPayloadSize: Positive(config, "bulk", "maxPayloadSize") ?? 0,
        ETag: Supported(config, "etag"));

    private static bool Supported(JsonElement config, string feature) =>
        Property(config, feature) is { } value && Property(value, "supported") is { } supported
        && (supported.ValueKind == JsonValueKind.True
            || (supported.ValueKind == JsonValueKind.String && string.Equals(supported.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A positive whole number, one past int's range read as its largest.</summary>
    private static int? Positive(JsonElement config, string feature, string name) =>
        Property(config, feature) is { } value && Property(value, name) is { ValueKind: JsonValueKind.Number } number
        && number.TryGetDouble(out var n) && n >= 1
            ? (int)Math.Min(Math.Floor(n), int.MaxValue)
            : null;

    /// <summary>An object's property, its name in any case (services differ in how they spell it); null where there is none.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }
}
