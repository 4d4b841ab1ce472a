using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Acceldata;

/// <summary>ADOC's /admin/api/groups endpoints.</summary>
internal static class GroupEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DirectoryStore store)
    {
        var groups = api.MapGroup("/admin/api/groups");

        groups.MapPost("/", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            var name = RequestBody.OptionalString(body, "name")?.Trim();
            if (string.IsNullOrEmpty(name)) throw SandboxError.BadRequest("'name' is required");
            var group = await store.CreateGroupAsync(name, RequestBody.OptionalString(body, "description"));
            return Results.Json(WireShapes.Group(group), statusCode: StatusCodes.Status201Created);
        });

        // ADOC pages groups with first (offset) and last (page size).
        groups.MapGet("/", async (int? first, int? last, string? search) =>
        {
            int from = Math.Max(0, first ?? 0), size = Math.Clamp(last ?? 10, 1, 1000);
            var page = await store.ListGroupsAsync(search, from, size);
            var total = await store.CountGroupsAsync(search);
            return Results.Json(new { groups = page.Select(WireShapes.Group), meta = WireShapes.Meta(from, size, total) });
        });

        groups.MapGet("/{groupId}", async (string groupId) =>
            await store.GetGroupAsync(groupId) is { } group
                ? Results.Json(WireShapes.Group(group))
                : throw SandboxError.NotFound($"Group with id {groupId} not found"));

        groups.MapPut("/{groupId}", async (string groupId, HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            await store.UpdateGroupAsync(groupId,
                RequestBody.OptionalString(body, "name"), RequestBody.OptionalString(body, "description"),
                RequestBody.OptionalStrings(body, "usersAdded"), RequestBody.OptionalStrings(body, "usersRemoved"));
            return Envelope.Ok("Group updated successfully");
        });

        groups.MapDelete("/{groupId}", async (string groupId) =>
        {
            await store.DeleteGroupAsync(groupId);
            return Envelope.Ok("Group deleted successfully");
        });
    }
}
