using System.Text.Json;

namespace UserMgmt.Rest;

/// <summary>
/// Some platforms answer a refused write with 200 and an envelope saying it failed, e.g. Acceldata's
/// <c>{"status": false, "message": "Insufficient privileges"}</c>. A success status alone proves nothing
/// there, so every answer is read for one. A literal <c>false</c> counts, and so does the string <c>"false"</c>
/// (a serializer writing the flag as text); any other string status (a job's <c>"created"</c>, SCIM's
/// <c>"400"</c>) is data, not an envelope. A SCIM Error message (RFC 7644 §3.12) is a failure whatever its status
/// says: some services send it with 200.
/// </summary>
internal static class ErrorEnvelope
{
    private static readonly string[] OutcomeFields = ["status", "success"];
    private const string ScimError = "urn:ietf:params:scim:api:messages:2.0:Error";

    /// <summary>The platform's message, secrets masked, when the body is an envelope that reports a failure; null otherwise.</summary>
    public static string? Failure(string? contentType, string? body, SecretRedactor redactor)
    {
        if (string.IsNullOrWhiteSpace(body) || ServerMessage.LooksLikeHtml(contentType, body)) return null;
        var start = body.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var failed = root.ValueKind == JsonValueKind.Object
                         && (OutcomeFields.Any(name => root.TryGetProperty(name, out var value) && SaysFalse(value)) || IsScimError(root));
            return failed ? ServerMessage.From(contentType, body, redactor) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsScimError(JsonElement root) =>
        root.TryGetProperty("schemas", out var schemas) && schemas.ValueKind == JsonValueKind.Array
        && schemas.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && s.GetString() == ScimError);

    private static bool SaysFalse(JsonElement value) =>
        value.ValueKind == JsonValueKind.False
        || value.ValueKind == JsonValueKind.String && string.Equals(value.GetString()?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
}
