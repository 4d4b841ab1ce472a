using System.Text.Json;

namespace UserMgmt.Sandbox.Scim;

/// <summary>A refusal as SCIM words it (RFC 7644 §3.12): the status, and where the RFC names one, the scimType.</summary>
internal sealed class ScimError(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimError BadRequest(string scimType, string detail) => new(StatusCodes.Status400BadRequest, scimType, detail);
    public static ScimError InvalidValue(string detail) => BadRequest("invalidValue", detail);
    public static ScimError InvalidSyntax(string detail) => BadRequest("invalidSyntax", detail);
    public static ScimError InvalidPath(string detail) => BadRequest("invalidPath", detail);
    public static ScimError NotFound(string detail) => new(StatusCodes.Status404NotFound, null, detail);
    public static ScimError Uniqueness(string detail) => new(StatusCodes.Status409Conflict, "uniqueness", detail);

    public IResult Result() => Answer(Status, ScimType, Message);

    public static IResult Answer(int status, string? scimType, string detail)
    {
        var body = new Dictionary<string, object?>
        {
            ["schemas"] = new[] { ScimSchemas.Error },
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (scimType is not null) body["scimType"] = scimType;
        body["detail"] = detail;
        return ScimJson.Result(body, status);
    }
}

internal static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
}

/// <summary>Answers in SCIM's media type (RFC 7644 §3.1), and reads request bodies strictly.</summary>
internal static class ScimJson
{
    public const string ContentType = "application/scim+json";

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static IResult Result(object body, int status = StatusCodes.Status200OK) =>
        Results.Json(body, Options, ContentType, status);

    /// <summary>The body as a JSON object; the media type must be SCIM's or plain JSON (RFC 7644 §3.8).</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            throw new ScimError(StatusCodes.Status415UnsupportedMediaType, null, $"Request body must be {ContentType}");
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            return body.ValueKind == JsonValueKind.Object ? body : throw ScimError.InvalidSyntax("Request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ScimError.InvalidSyntax($"Malformed JSON request body: {e.Message}");
        }
    }

    /// <summary>A property, its name in any case: attribute names are case-insensitive (RFC 7643 §2.1).</summary>
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    public static string? OptionalString(JsonElement element, string name) => Property(element, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw ScimError.InvalidValue($"'{name}' must be a string"),
    };

    /// <summary>Requires "schemas" to name <paramref name="schema"/> (RFC 7643 §3).</summary>
    public static void RequireSchema(JsonElement body, string schema)
    {
        var schemas = Property(body, "schemas");
        if (schemas is not { ValueKind: JsonValueKind.Array } list
            || !list.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && s.GetString() == schema))
            throw ScimError.InvalidSyntax($"'schemas' must contain \"{schema}\"");
    }
}
