using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox.Acceldata;

/// <summary>ADOC's /admin/api/groups endpoints.</summary>
internal static class GroupEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DirectoryStore store, SandboxVariants variants)
    {
        var groups = api.MapGroup("/admin/api/groups");

        groups.MapPost("/", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            var name = RequestBody.OptionalString(body, "name")?.Trim();
            if (string.IsNullOrEmpty(name)) throw SandboxError.BadRequest("'name' is required");
            var group = await store.CreateGroupAsync(name, RequestBody.OptionalString(body, "description"));
            // O answers 200 with GroupDetails ("Created group details"); other writes answer only the envelope, and so may
            // this one; and a 201 with the list's Group shape is as likely (P6 lists 201).
            if (variants.Has(SandboxVariant.GroupCreateEnvelopeOnly)) return Envelope.Ok("Group created successfully");
            if (variants.Has(SandboxVariant.GroupCreateListShape)) return Results.Json(WireShapes.Group(group), statusCode: StatusCodes.Status201Created);
            return Results.Json(WireShapes.GroupDetails(group, []));
        });

        // ADOC pages groups with first (offset) and last (page size).
        groups.MapGet("/", async (int? first, int? last, string? search) =>
        {
            int from = Math.Max(0, first ?? 0), size = AcceldataLimits.PageSize(last, variants);
            var page = await store.ListGroupsAsync(search, from, size);
            var total = await store.CountGroupsAsync(search);
            return Results.Json(new { groups = page.Select(WireShapes.Group), meta = WireShapes.Meta(from, size, total) });
        });

        // The spec's GroupDetails: the group with its members, all of them, unpaged.
        groups.MapGet("/{groupId}", async (string groupId) =>
            await store.GetGroupAsync(groupId) is { } group
                ? Results.Json(WireShapes.GroupDetails(group, await store.MembersAsync(group.Id)))
                : throw SandboxError.NotFound($"Group with id {groupId} not found"));

        // The vendor's description gives the body as {name, usersAdded[], usersRemoved[], ...} with the name
        // required, so a body without one is refused. Assumed here, where it says nothing: other fields left
        // out stay as they are; the lists hold user ids (strings); a list
        // names at most AcceldataLimits.MembersPerGroupUpdate users; an id in both lists is refused; and the update is all or
        // nothing, refused whole for an unknown user or one managed by SCIM, as the user's own endpoints are.
        groups.MapPut("/{groupId}", async (string groupId, HttpRequest request) =>
        {
            var body = await RequestBody.ReadObjectAsync(request);
            if (string.IsNullOrWhiteSpace(RequestBody.OptionalString(body, "name"))) throw SandboxError.BadRequest("'name' is required");
            var added = RequestBody.OptionalStrings(body, "usersAdded");
            var removed = RequestBody.OptionalStrings(body, "usersRemoved");
            foreach (var (field, ids) in new[] { ("usersAdded", added), ("usersRemoved", removed) })
                if (ids.Count > AcceldataLimits.MembersPerGroupUpdate)
                    throw SandboxError.BadRequest($"'{field}' may name at most {AcceldataLimits.MembersPerGroupUpdate} users");
            if (added.Intersect(removed).FirstOrDefault() is { } both)
                throw SandboxError.BadRequest($"User {both} is both in 'usersAdded' and in 'usersRemoved'");
            await store.UpdateGroupAsync(groupId,
                RequestBody.OptionalString(body, "name"), RequestBody.OptionalString(body, "description"), added, removed);
            // O: 200 "Updated group details", GroupDetails; not the Status envelope the other writes answer.
            var updated = await store.GetGroupAsync(groupId) ?? throw SandboxError.NotFound($"Group with id {groupId} not found");
            return Results.Json(WireShapes.GroupDetails(updated, await store.MembersAsync(updated.Id)));
        });

        groups.MapDelete("/{groupId}", async (string groupId) =>
        {
            await store.DeleteGroupAsync(groupId);
            return Envelope.Ok("Group deleted successfully");
        });
    }
}
