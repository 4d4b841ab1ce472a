using System.Text.Json;
using System.Text.Json.Nodes;

namespace UserMgmt.Providers.Scim;

/// <summary>A JSON value as text, whatever a service sent it as: a string as is, a number as written, anything else as nothing.</summary>
internal static class JsonText
{
    public static string? Of(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
