using System.Globalization;
using System.Text.Json;

namespace UserMgmt.Sandbox.Scim;

/// <summary>
/// A SCIM 2.0 service (RFC 7643, RFC 7644) under /scim/v2, over the same store as the other emulations. It is
/// strict where the RFCs are, so that a client's mistake meets the refusal a careful service gives.
/// </summary>
internal static class ScimEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ScimDirectory directory)
    {
        var scim = app.MapGroup(ScimAuthentication.Prefix);

        scim.MapGet("/ServiceProviderConfig", (HttpRequest request) => ScimJson.Result(ScimDiscovery.ServiceProviderConfig(BaseUrl(request))));
        scim.MapGet("/ResourceTypes", (HttpRequest request) =>
        {
            var types = ScimDiscovery.ResourceTypes(BaseUrl(request));
            return ScimJson.Result(ScimResources.List(types, types.Count, 1));
        });
        scim.MapGet("/ResourceTypes/{name}", (string name, HttpRequest request) =>
            ScimDiscovery.ResourceTypes(BaseUrl(request)).FirstOrDefault(t => (string)t["id"]! == name) is { } type
                ? ScimJson.Result(type)
                : throw ScimError.NotFound($"No resource type {name}"));
        scim.MapGet("/Schemas", (HttpRequest request) =>
        {
            var schemas = ScimDiscovery.Schemas(BaseUrl(request));
            return ScimJson.Result(ScimResources.List(schemas, schemas.Count, 1));
        });
        scim.MapGet("/Schemas/{id}", (string id, HttpRequest request) =>
            ScimDiscovery.Schemas(BaseUrl(request)).FirstOrDefault(s => (string)s["id"]! == id) is { } schema
                ? ScimJson.Result(schema)
                : throw ScimError.NotFound($"No schema {id}"));

        MapUsers(scim, directory);
        MapGroups(scim, directory);
    }

    private static void MapUsers(RouteGroupBuilder scim, ScimDirectory directory)
    {
        scim.MapGet("/Users", async (HttpRequest request) =>
        {
            var (startIndex, count) = Paging(request);
            var (where, args) = ScimFilterSql.Translate(Query(request, "filter"), ScimFilterSql.UserColumns, ScimSchemas.User);
            var (users, total) = await directory.ListUsersAsync(where, args, startIndex - 1, count);
            var baseUrl = BaseUrl(request);
            return ScimJson.Result(ScimResources.List(users.Select(u => ScimResources.User(u, baseUrl)), total, startIndex));
        });

        scim.MapGet("/Users/{id}", async (string id, HttpRequest request) =>
            await directory.GetUserAsync(id) is { } user
                ? ScimJson.Result(ScimResources.User(user, BaseUrl(request)))
                : throw ScimError.NotFound($"User {id} not found"));

        scim.MapPost("/Users", async (HttpRequest request, HttpResponse response) =>
        {
            var body = await ScimJson.ReadObjectAsync(request);
            ScimJson.RequireSchema(body, ScimSchemas.User);
            var state = new ScimUserState { Email = ScimPatch.Address(ScimJson.OptionalString(body, "userName")) };
            WriteUser(state, body);
            var created = await directory.CreateUserAsync(state);
            var resource = ScimResources.User(created, BaseUrl(request));
            response.Headers.Location = $"{BaseUrl(request)}/Users/{created.Id}";
            return ScimJson.Result(resource, StatusCodes.Status201Created);
        });

        scim.MapPut("/Users/{id}", async (string id, HttpRequest request) =>
        {
            var body = await ScimJson.ReadObjectAsync(request);
            ScimJson.RequireSchema(body, ScimSchemas.User);
            var userName = ScimPatch.Address(ScimJson.OptionalString(body, "userName"));
            var updated = await directory.ChangeUserAsync(id, state =>
            {
                state.Email = userName;
                // A PUT replaces what the client may write (RFC 7644 §3.5.1): what it leaves out is cleared.
                state.FirstName = state.LastName = null;
                foreach (var name in ScimResources.CoreAttributes.Concat(ScimResources.EnterpriseAttributes).Append(ScimResources.Manager))
                foreach (var key in state.Attributes.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList())
                    state.Attributes.Remove(key);
                WriteUser(state, body);
            });
            return ScimJson.Result(ScimResources.User(updated, BaseUrl(request)));
        });

        scim.MapPatch("/Users/{id}", async (string id, HttpRequest request) =>
        {
            var operations = ScimPatch.Read(await ScimJson.ReadObjectAsync(request));
            var updated = await directory.ChangeUserAsync(id, state =>
            {
                foreach (var operation in operations) ScimPatch.Apply(state, operation);
            });
            return ScimJson.Result(ScimResources.User(updated, BaseUrl(request)));
        });

        scim.MapDelete("/Users/{id}", async (string id) =>
        {
            await directory.DeleteUserAsync(id);
            return Results.NoContent();
        });
    }

    /// <summary>The writable attributes of a user resource laid over the state; read-only ones (id, groups, meta) are ignored, as the RFC says.</summary>
    private static void WriteUser(ScimUserState state, JsonElement body)
    {
        if (ScimJson.Property(body, "name") is { } name && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.Object) throw ScimError.InvalidValue("'name' must be an object");
            state.FirstName = ScimJson.OptionalString(name, "givenName");
            state.LastName = ScimJson.OptionalString(name, "familyName");
        }
        if (ScimJson.Property(body, "active") is { ValueKind: not JsonValueKind.Null } active)
            ScimPatch.Apply(state, new ScimPatchOperation("replace", "active", active));
        foreach (var attribute in ScimResources.CoreAttributes)
            if (ScimJson.Property(body, attribute) is { ValueKind: not JsonValueKind.Null } value)
                ScimPatch.Apply(state, new ScimPatchOperation("replace", attribute, value));
        if (ScimJson.Property(body, ScimSchemas.EnterpriseUser) is { ValueKind: not JsonValueKind.Null } extension)
        {
            if (extension.ValueKind != JsonValueKind.Object) throw ScimError.InvalidValue($"'{ScimSchemas.EnterpriseUser}' must be an object");
            foreach (var attribute in extension.EnumerateObject().Where(a => a.Value.ValueKind != JsonValueKind.Null))
                ScimPatch.Apply(state, new ScimPatchOperation("replace", $"{ScimSchemas.EnterpriseUser}:{attribute.Name}", attribute.Value));
        }
    }

    private static void MapGroups(RouteGroupBuilder scim, ScimDirectory directory)
    {
        scim.MapGet("/Groups", async (HttpRequest request) =>
        {
            var (startIndex, count) = Paging(request);
            var (where, args) = ScimFilterSql.Translate(Query(request, "filter"), ScimFilterSql.GroupColumns, ScimSchemas.Group);
            var (groups, total) = await directory.ListGroupsAsync(where, args, startIndex - 1, count);
            var baseUrl = BaseUrl(request);
            return ScimJson.Result(ScimResources.List(groups.Select(g => ScimResources.Group(g.Group, g.Members, baseUrl)), total, startIndex));
        });

        scim.MapGet("/Groups/{id}", async (string id, HttpRequest request) =>
            await directory.GetGroupAsync(id) is { } found
                ? ScimJson.Result(ScimResources.Group(found.Group, found.Members, BaseUrl(request)))
                : throw ScimError.NotFound($"Group {id} not found"));

        scim.MapPost("/Groups", async (HttpRequest request, HttpResponse response) =>
        {
            var body = await ScimJson.ReadObjectAsync(request);
            ScimJson.RequireSchema(body, ScimSchemas.Group);
            var state = new ScimGroupState { Name = DisplayName(body), MemberIds = Members(body) };
            var (group, members) = await directory.CreateGroupAsync(state);
            response.Headers.Location = $"{BaseUrl(request)}/Groups/{group.Id}";
            return ScimJson.Result(ScimResources.Group(group, members, BaseUrl(request)), StatusCodes.Status201Created);
        });

        scim.MapPut("/Groups/{id}", async (string id, HttpRequest request) =>
        {
            var body = await ScimJson.ReadObjectAsync(request);
            ScimJson.RequireSchema(body, ScimSchemas.Group);
            var name = DisplayName(body);
            var members = Members(body);
            var (group, held) = await directory.ChangeGroupAsync(id, state =>
            {
                state.Name = name;
                state.MemberIds = members;
            });
            return ScimJson.Result(ScimResources.Group(group, held, BaseUrl(request)));
        });

        scim.MapPatch("/Groups/{id}", async (string id, HttpRequest request) =>
        {
            var operations = ScimPatch.Read(await ScimJson.ReadObjectAsync(request));
            var (group, held) = await directory.ChangeGroupAsync(id, state =>
            {
                foreach (var operation in operations) ScimPatch.Apply(state, operation);
            });
            return ScimJson.Result(ScimResources.Group(group, held, BaseUrl(request)));
        });

        scim.MapDelete("/Groups/{id}", async (string id) =>
        {
            await directory.DeleteGroupAsync(id);
            return Results.NoContent();
        });
    }

    private static string DisplayName(JsonElement body) =>
        ScimJson.OptionalString(body, "displayName") is { } name && !string.IsNullOrWhiteSpace(name)
            ? name
            : throw ScimError.InvalidValue("'displayName' is required");

    private static List<string> Members(JsonElement body) =>
        ScimJson.Property(body, "members") is { ValueKind: not JsonValueKind.Null } members ? ScimPatch.MemberIds(members) : [];

    /// <summary>1-based startIndex, below 1 taken as 1; count capped at maxResults, below 0 taken as 0 (RFC 7644 §3.4.2.4).</summary>
    private static (int StartIndex, int Count) Paging(HttpRequest request)
    {
        var startIndex = Whole(request, "startIndex") ?? 1;
        var count = Whole(request, "count") ?? ScimDiscovery.MaxResults;
        return ((int)Math.Clamp(startIndex, 1, int.MaxValue), (int)Math.Clamp(count, 0, ScimDiscovery.MaxResults));
    }

    private static long? Whole(HttpRequest request, string name) =>
        Query(request, name) is not { } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw ScimError.InvalidValue($"'{name}' must be a whole number");

    private static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.Count == 1 ? values[0] : throw ScimError.InvalidValue($"'{name}' may be given once") : null;

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{ScimAuthentication.Prefix}";
}
