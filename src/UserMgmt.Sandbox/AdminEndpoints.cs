using UserMgmt.Sandbox.Faults;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox;

/// <summary>The sandbox's own endpoints, for tests and curious users; not part of any emulated API.</summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_sandbox";

    public static void Map(IEndpointRouteBuilder app, RequestLog log, CannedAnswers canned, FaultInjection faults, SandboxVariants variants)
    {
        var admin = app.MapGroup(Prefix);
        admin.MapGet("/requests", async () => Results.Json(await log.CountsAsync()));
        admin.MapDelete("/requests", async () =>
        {
            await log.ClearAsync();
            return Results.NoContent();
        });
        admin.MapPost("/canned-answers", (CannedAnswerRequest request) =>
        {
            try
            {
                canned.Enqueue(new CannedAnswers.Answer(request.Status, request.ContentType ?? "application/json", request.Body ?? "", request.RetryAfterSeconds),
                    request.Times ?? 1);
                return Results.NoContent();
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { message = e.Message });
            }
        });
        admin.MapGet("/faults", () => Results.Json(faults.Settings));
        admin.MapPut("/faults", (FaultSettings settings) =>
        {
            try
            {
                faults.Settings = settings;
                return Results.Json(faults.Settings);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { message = e.Message });
            }
        });
        admin.MapGet("/variants", () => Results.Json(new VariantsRequest(variants.Active.Select(SandboxVariants.NameOf).Order().ToList())));
        admin.MapPut("/variants", (VariantsRequest request) =>
        {
            try
            {
                variants.Active = SandboxVariants.Parse(string.Join(",", request.Variants ?? []));
                return Results.Json(new VariantsRequest(variants.Active.Select(SandboxVariants.NameOf).Order().ToList()));
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { message = e.Message });
            }
        });
        admin.MapDelete("/canned-answers", () =>
        {
            canned.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>Make the next <c>Times</c> platform calls answer with this status, content type and body.</summary>
    /// <summary>The variants to answer in, by name (numeric-ids, ...); an empty list for the strict default.</summary>
    public sealed record VariantsRequest(IReadOnlyList<string>? Variants);

    public sealed record CannedAnswerRequest(int Status, string? ContentType, string? Body, int? Times, int? RetryAfterSeconds);
}
