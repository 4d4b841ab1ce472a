using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Scim;

// The shapes of RFC 7643 (resources) and RFC 7644 (messages) this provider reads and writes. Names are spelled
// as the RFCs spell them; anything else a service sends is kept in the raw JSON where a write must return it.

internal static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string BulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
}

internal sealed class ScimListResponse<T>
{
    [JsonPropertyName("totalResults")] public int? TotalResults { get; set; }
    [JsonPropertyName("startIndex")] public int? StartIndex { get; set; }
    [JsonPropertyName("itemsPerPage")] public int? ItemsPerPage { get; set; }
    [JsonPropertyName("Resources")] public List<T>? Resources { get; set; }
}

internal sealed class ScimUserDto
{
    [JsonPropertyName("id")][JsonConverter(typeof(LenientTextConverter))] public string? Id { get; set; }
    [JsonPropertyName("userName")] public string? UserName { get; set; }
    [JsonPropertyName("name")] public ScimNameDto? Name { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("userType")] public string? UserType { get; set; }
    [JsonPropertyName("preferredLanguage")] public string? PreferredLanguage { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("timezone")] public string? Timezone { get; set; }
    [JsonPropertyName("active")] public JsonElement Active { get; set; }
    [JsonPropertyName("emails")] public List<ScimMultiValueDto>? Emails { get; set; }
    [JsonPropertyName("groups")] public List<ScimMultiValueDto>? Groups { get; set; }
    [JsonPropertyName("meta")] public ScimMetaDto? Meta { get; set; }
    [JsonPropertyName(ScimSchemas.EnterpriseUser)] public Dictionary<string, JsonElement>? Enterprise { get; set; }
}

internal sealed class ScimNameDto
{
    [JsonPropertyName("givenName")] public string? GivenName { get; set; }
    [JsonPropertyName("familyName")] public string? FamilyName { get; set; }
    [JsonPropertyName("formatted")] public string? Formatted { get; set; }
}

/// <summary>An entry of a multi-valued attribute (emails, groups, members): RFC 7643 §2.4.</summary>
internal sealed class ScimMultiValueDto
{
    [JsonPropertyName("value")][JsonConverter(typeof(LenientTextConverter))] public string? Value { get; set; }
    [JsonPropertyName("display")] public string? Display { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("primary")] public JsonElement Primary { get; set; }
}

internal sealed class ScimMetaDto
{
    [JsonPropertyName("created")] public string? Created { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
}

internal sealed class ScimGroupDto
{
    [JsonPropertyName("id")][JsonConverter(typeof(LenientTextConverter))] public string? Id { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    [JsonPropertyName("members")] public List<ScimMultiValueDto>? Members { get; set; }
    [JsonPropertyName("meta")] public ScimMetaDto? Meta { get; set; }
}

internal sealed class ScimPatchRequest
{
    [JsonPropertyName("schemas")] public string[] Schemas { get; init; } = [ScimSchemas.PatchOp];
    [JsonPropertyName("Operations")] public required IReadOnlyList<ScimPatchOperation> Operations { get; init; }
}

internal sealed class ScimPatchOperation
{
    [JsonPropertyName("op")] public required string Op { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("value")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public object? Value { get; init; }
}
