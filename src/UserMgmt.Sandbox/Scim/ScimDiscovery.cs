namespace UserMgmt.Sandbox.Scim;

/// <summary>What the service says of itself (RFC 7643 §5-7): its features, its resource types and their schemas.</summary>
internal static class ScimDiscovery
{
    public const int MaxResults = 200;

    public static object ServiceProviderConfig(string baseUrl) => new Dictionary<string, object?>
    {
        ["schemas"] = new[] { ScimSchemas.ServiceProviderConfig },
        ["documentationUri"] = "https://datatracker.ietf.org/doc/html/rfc7644",
        ["patch"] = new { supported = true },
        ["bulk"] = new { supported = false, maxOperations = 0, maxPayloadSize = 0 },
        ["filter"] = new { supported = true, maxResults = MaxResults },
        ["changePassword"] = new { supported = false },
        ["sort"] = new { supported = false },
        ["etag"] = new { supported = false },
        ["authenticationSchemes"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["type"] = "oauthbearertoken",
                ["name"] = "OAuth Bearer Token",
                ["description"] = "The sandbox's secret key as a bearer token: Authorization: Bearer <secret key>",
                ["primary"] = true,
            },
        },
        ["meta"] = new Dictionary<string, object?> { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static IReadOnlyList<Dictionary<string, object?>> ResourceTypes(string baseUrl) =>
    [
        ResourceType("User", "/Users", ScimSchemas.User, [new { schema = ScimSchemas.EnterpriseUser, required = false }], baseUrl),
        ResourceType("Group", "/Groups", ScimSchemas.Group, [], baseUrl),
    ];

    private static Dictionary<string, object?> ResourceType(string name, string endpoint, string schema, object[] extensions, string baseUrl) => new()
    {
        ["schemas"] = new[] { ScimSchemas.ResourceType },
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint,
        ["schema"] = schema,
        ["schemaExtensions"] = extensions,
        ["meta"] = new Dictionary<string, object?> { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/{name}" },
    };

    public static IReadOnlyList<Dictionary<string, object?>> Schemas(string baseUrl) =>
    [
        Schema(ScimSchemas.User, "User", "User Account",
        [
            Attribute("userName", mutability: "readWrite", required: true, uniqueness: "server"),
            Complex("name", [Attribute("formatted", mutability: "readOnly"), Attribute("familyName"), Attribute("givenName")]),
            Attribute("displayName", mutability: "readOnly"),
            .. ScimResources.CoreAttributes.Select(a => Attribute(a)),
            Attribute("active", type: "boolean"),
            Complex("emails", [Attribute("value"), Attribute("type"), Attribute("primary", type: "boolean")], multiValued: true),
            Complex("groups", [Attribute("value", mutability: "readOnly"), Attribute("$ref", type: "reference", mutability: "readOnly"),
                Attribute("display", mutability: "readOnly"), Attribute("type", mutability: "readOnly")], multiValued: true, mutability: "readOnly"),
        ], baseUrl),
        Schema(ScimSchemas.EnterpriseUser, "EnterpriseUser", "Enterprise User",
        [
            .. ScimResources.EnterpriseAttributes.Select(a => Attribute(a)),
            Complex("manager", [Attribute("value"), Attribute("$ref", type: "reference"), Attribute("displayName", mutability: "readOnly")]),
        ], baseUrl),
        Schema(ScimSchemas.Group, "Group", "Group",
        [
            Attribute("displayName", required: true, uniqueness: "server"),
            Complex("members", [Attribute("value", mutability: "immutable"), Attribute("$ref", type: "reference", mutability: "immutable"),
                Attribute("display", mutability: "readOnly"), Attribute("type", mutability: "immutable")], multiValued: true),
        ], baseUrl),
    ];

    private static Dictionary<string, object?> Schema(string id, string name, string description, object[] attributes, string baseUrl) => new()
    {
        ["schemas"] = new[] { ScimSchemas.Schema },
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = attributes,
        ["meta"] = new Dictionary<string, object?> { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{id}" },
    };

    private static Dictionary<string, object?> Attribute(string name, string type = "string", string mutability = "readWrite",
        bool required = false, string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["required"] = required,
        ["caseExact"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static Dictionary<string, object?> Complex(string name, object[] subAttributes, bool multiValued = false, string mutability = "readWrite") => new()
    {
        ["name"] = name,
        ["type"] = "complex",
        ["multiValued"] = multiValued,
        ["required"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["subAttributes"] = subAttributes,
    };
}
