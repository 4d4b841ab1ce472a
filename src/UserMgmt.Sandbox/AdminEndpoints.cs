using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox;

/// <summary>The sandbox's own endpoints, for tests and curious users; not part of any emulated API.</summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_sandbox";

    public static void Map(IEndpointRouteBuilder app, RequestLog log)
    {
        var admin = app.MapGroup(Prefix);
        admin.MapGet("/requests", async () => Results.Json(await log.CountsAsync()));
        admin.MapDelete("/requests", async () =>
        {
            await log.ClearAsync();
            return Results.NoContent();
        });
    }
}
