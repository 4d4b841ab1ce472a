using System.Net.Mail;
using System.Text.Json;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.AppXite;

/// <summary>
/// AppXite's user management at the provider's default routes under /appxite: a page of users, the roles, the identity
/// providers, and the invitation of many people into many organisations in one call. Bodies are checked strictly.
/// </summary>
internal static class AppXiteEndpoints
{
    private const int LargestPage = 100;

    public static void Map(IEndpointRouteBuilder app, AppXiteStore store)
    {
        var api = app.MapGroup(AppXiteAuthentication.Prefix + "/api/v2");

        api.MapGet("/users", async (HttpRequest request) =>
        {
            var page = Whole(request, "page", 1);
            var pageSize = Whole(request, "pageSize", 20);
            if (page < 1) throw SandboxError.BadRequest("'page' starts at 1");
            if (pageSize is < 1 or > LargestPage) throw SandboxError.BadRequest($"'pageSize' must be from 1 to {LargestPage}");
            var (users, total) = await store.UsersAsync(page, pageSize);
            return Results.Json(new { items = users.Select(Shape), totalCount = total, page, pageSize });
        });
        // No AppXite source names a route for the caller's own account; this one answers where the provider is told to look.
        api.MapGet("/users/me", async () => await store.CallerAsync() is { } caller ? Results.Json(Shape(caller)) : throw SandboxError.NotFound("No such user"));
        api.MapGet("/roles", async () =>
            Results.Json(new { items = (await store.RolesAsync()).Select(r => new { id = r.Id.ToString(), name = r.Name, weight = r.Weight }) }));
        api.MapGet("/identity-providers", async () =>
            Results.Json(new { items = (await store.IdentityProvidersAsync()).Select(p => new { id = p.Id, name = p.Name, prefix = p.Prefix, enabled = p.Enabled }) }));
        api.MapPost("/users/invite", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            if (!body.TryGetProperty("Users", out var users) || users.ValueKind != JsonValueKind.Array || users.GetArrayLength() == 0)
                throw SandboxError.BadRequest("'Users' must be an array of at least one user");
            var people = users.EnumerateArray().Select((u, i) => Person(u, i)).ToList();
            var organizations = RequestBody.OptionalStrings(body, "OrganizationIds");
            var invited = await store.InviteAsync(people, organizations);
            return Results.Json(new { invited });
        });
    }

    private static object Shape(AppXiteStore.AppXiteUser u) => new
    {
        id = u.Id, email = u.Email, firstName = u.FirstName, lastName = u.LastName,
        createdDate = DateTimeOffset.FromUnixTimeMilliseconds(u.Created).ToString("O"),
        accountState = u.State, organizationIds = u.Organizations, roles = u.Roles,
    };

    private static AppXiteStore.Invited Person(JsonElement user, int index)
    {
        if (user.ValueKind != JsonValueKind.Object) throw SandboxError.BadRequest($"Users[{index}] must be an object");
        var email = RequestBody.OptionalString(user, "email")?.Trim();
        if (email is null || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            throw SandboxError.BadRequest($"Users[{index}].email must be an email address");
        var roles = RequestBody.OptionalStrings(user, "roleIds")
            .Select(r => long.TryParse(r, out var id) ? id : throw SandboxError.BadRequest($"Role '{r}' does not exist")).ToList();
        return new AppXiteStore.Invited(email, RequestBody.OptionalString(user, "firstName"), RequestBody.OptionalString(user, "lastName"), roles,
            RequestBody.OptionalString(user, "identityProviderId"));
    }

    private static int Whole(HttpRequest request, string name, int fallback)
    {
        var given = request.Query[name].ToString();
        if (given.Length == 0) return fallback;
        return int.TryParse(given, out var n) ? n : throw SandboxError.BadRequest($"'{name}' must be a whole number");
    }
}
