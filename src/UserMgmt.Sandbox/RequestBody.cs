using System.Text.Json;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox;

/// <summary>
/// Reads request bodies strictly enough that bad ones get the 400 a real platform gives. Every
/// reader takes any JSON value and refuses the wrong kind with a message naming the field.
/// </summary>
internal static class RequestBody
{
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request)
    {
        // The vendors send and take application/json; a JSON text under another type is the client's mistake.
        if (!request.HasJsonContentType()) throw SandboxError.UnsupportedMediaType("Request body must be application/json");
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            if (body.ValueKind != JsonValueKind.Object) throw SandboxError.BadRequest("Request body must be a JSON object");
            return body;
        }
        catch (JsonException e)
        {
            throw SandboxError.BadRequest($"Malformed JSON request body: {e.Message}");
        }
    }

    public static List<string> Strings(JsonElement array, string field)
    {
        if (array.ValueKind != JsonValueKind.Array) throw SandboxError.BadRequest($"'{field}' must be an array of strings");
        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw SandboxError.BadRequest($"'{field}' must be an array of strings")).ToList();
    }

    public static List<string> OptionalStrings(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? Strings(value, field) : [];

    /// <summary>A text field, or null when absent or null; any other kind is refused rather than taken for absent.</summary>
    public static string? OptionalString(JsonElement body, string field) =>
        body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw SandboxError.BadRequest($"'{field}' must be a string"),
        };

    public static long RequiredWhole(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw SandboxError.BadRequest($"'{field}' must be a whole number");

    /// <summary>The objects of an array field, each read by <paramref name="read"/>; anything else in it is refused.</summary>
    public static List<T> Objects<T>(JsonElement array, string field, Func<JsonElement, T> read)
    {
        if (array.ValueKind != JsonValueKind.Array) throw SandboxError.BadRequest($"'{field}' must be an array of objects");
        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object
            ? read(e)
            : throw SandboxError.BadRequest($"'{field}' must be an array of objects")).ToList();
    }

    public static bool? OptionalBool(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw SandboxError.BadRequest($"'{field}' must be true or false");
    }

    /// <summary>A group list as {"groupIds":[..]}, the guides' and the seed's form.</summary>
    public static List<string> GroupIds(JsonElement body) =>
        body.TryGetProperty("groupIds", out var ids) && ids.ValueKind != JsonValueKind.Null
            ? Strings(ids, "groupIds")
            : throw SandboxError.BadRequest("Request body must carry 'groupIds'");

    /// <summary>A group list as {"data":{"groups":[..]}}, the OpenAPI copy's form.</summary>
    public static List<string> DataGroups(JsonElement body) =>
        body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("groups", out var groups)
            ? Strings(groups, "data.groups")
            : throw SandboxError.BadRequest("Request body must carry 'data.groups'");

    public static Dictionary<string, List<string>>? Attributes(JsonElement body)
    {
        if (!body.TryGetProperty("attributes", out var attributes) || attributes.ValueKind == JsonValueKind.Null) return null;
        if (attributes.ValueKind != JsonValueKind.Object) throw SandboxError.BadRequest("'attributes' must be an object of string arrays");
        return attributes.EnumerateObject().ToDictionary(p => p.Name, p => Strings(p.Value, $"attributes.{p.Name}"));
    }
}
