using System.Text.RegularExpressions;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox.Acceldata;

/// <summary>ADOC's /admin/api/users endpoints.</summary>
internal static partial class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DirectoryStore store, SandboxVariants variants)
    {
        var users = api.MapGroup("/admin/api/users");

        users.MapPost("/invite-users", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            // S0's body is the only one any source shows: "emails", "groups", "sendEmail".
            if (body.TryGetProperty("userDetails", out _)) throw SandboxError.BadRequest("'userDetails' is not a field of invite-users; list the addresses in 'emails'");
            var emails = RequestBody.OptionalStrings(body, "emails");
            if (emails.Count == 0) throw SandboxError.BadRequest("'emails' must list at least one address");
            if (emails.Count > AcceldataLimits.InvitationsPerCall)
                throw SandboxError.BadRequest($"At most {AcceldataLimits.InvitationsPerCall} addresses may be invited in one call; {emails.Count} were sent");
            var invalid = emails.Where(e => !EmailPattern().IsMatch(e)).ToList();
            if (invalid.Count > 0) throw SandboxError.BadRequest($"Invalid email address(es): {string.Join(", ", invalid)}");
            var groups = RequestBody.OptionalStrings(body, "groups");
            var sendEmail = RequestBody.OptionalBool(body, "sendEmail") ?? true;
            await store.InviteAsync(emails, groups, sendEmail);
            return Envelope.Ok($"{emails.Count} user(s) invited successfully");
        });

        users.MapGet("/list", async (int? first, int? max, string? searchString, string? ids, bool? enabled) =>
        {
            int from = Math.Max(0, first ?? 0), size = AcceldataLimits.PageSize(max, variants);
            var idList = string.IsNullOrEmpty(ids) ? null : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (idList is { Length: > AcceldataLimits.IdsPerList })
                throw SandboxError.BadRequest($"At most {AcceldataLimits.IdsPerList} ids may be listed in one call; {idList.Length} were sent");
            var (page, total) = await store.ListUsersAsync(searchString, enabled, idList, from, size);
            return Results.Json(new
            {
                message = "Users fetched successfully",
                status = true,
                meta = WireShapes.Meta(from, size, total),
                users = page.Select(WireShapes.User),
            });
        });

        users.MapGet("/count", async (string? searchString) => Results.Json(await store.CountUsersAsync(searchString)));

        users.MapGet("/{userId}", async (string userId) =>
            await store.GetUserAsync(userId) is { } user
                ? Results.Json(WireShapes.User(user))
                : throw SandboxError.NotFound($"User with id {userId} not found"));

        users.MapPut("/{userId}", async (string userId, HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            var update = new UserUpdate(
                RequestBody.OptionalString(body, "firstName"), RequestBody.OptionalString(body, "lastName"),
                RequestBody.OptionalBool(body, "enabled"), RequestBody.Attributes(body),
                ReplaceAttributes: variants.Has(SandboxVariant.AttributesPutReplaces));
            await store.UpdateUserAsync(userId, update);
            return Envelope.Ok("User updated successfully");
        });

        users.MapDelete("/{userId}/remove-user", async (string userId) =>
        {
            await store.RemoveUserAsync(userId);
            return Envelope.Ok("User removed successfully");
        });

        users.MapGet("/{userId}/groups", async (string userId) =>
            await store.GetUserAsync(userId) is { } user
                ? Results.Json(user.Groups.Select(g => new { id = g.Id, name = g.Name }))
                : throw SandboxError.NotFound($"User with id {userId} not found"));

        users.MapPut("/{userId}/assign-groups", async (string userId, HttpRequest request) =>
        {
            await store.ChangeGroupsAsync(userId, GroupAssignment(await RequestBody.ReadObjectAsync(request), variants), add: true);
            return Envelope.Ok("Groups assigned successfully");
        });

        users.MapPut("/{userId}/remove-groups", async (string userId, HttpRequest request) =>
        {
            await store.ChangeGroupsAsync(userId, GroupAssignment(await RequestBody.ReadObjectAsync(request), variants), add: false);
            return Envelope.Ok("Groups removed successfully");
        });
    }

    /// <summary>
    /// The one body a tenant takes for assign-groups/remove-groups: groupIds holding ids (the guides), unless a
    /// variant says names in groupIds (the seed) or data.groups (the OpenAPI copy). Any other form is refused.
    /// </summary>
    private static GroupKeys GroupAssignment(System.Text.Json.JsonElement body, SandboxVariants variants)
    {
        if (variants.Has(SandboxVariant.DataGroupsBody))
            return new GroupKeys(RequestBody.DataGroups(body), ByName: false);
        return new GroupKeys(RequestBody.GroupIds(body), ByName: variants.Has(SandboxVariant.GroupIdsHoldNames));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
