using Microsoft.AspNetCore.Http.Features;
using UserMgmt.Sandbox.Access;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>CCAI Platform's Apps API: bulk user jobs and user configuration, under /apps/api/v1.</summary>
internal static class CcaiEndpoints
{
    public const string Prefix = "/apps/api/v1";
    private const int MaxPerPage = 1000;
    /// <summary>Room for a bulk file of 100,000 rows, the most the module puts in one job.</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app, BulkJobStore jobs, BulkJobProcessor processor, SandboxDatabase database, SandboxVariants variants)
    {
        // A job as its status shows it: with the errors found so far, in the words and counters the variants choose.
        async Task<object> Shown(BulkJobRecord job) =>
            CcaiWireShapes.Job(job, await jobs.ErrorsAsync(job.Id, "scheme"), await jobs.ErrorsAsync(job.Id, "update"), variants);

        var api = app.MapGroup(Prefix);

        api.MapGet("/bulk/users/template", async () => Results.Json(await database.RunAsync(c =>
        {
            var (roles, teams) = RolesAndTeams(c);
            var rows = c.Query($"SELECT {CcaiWireShapes.UserColumns} FROM users u WHERE u.scim_managed = 0 ORDER BY u.created_on, u.email",
                r => CcaiWireShapes.User(c, r, roles, teams, everyRoleAndTeam: true));
            return rows;
        }), CcaiWireShapes.Json));

        api.MapPost("/bulk/users/upload", (HttpRequest request, HttpContext context) => UploadAsync(request, context, jobs, variants, replace: false));
        api.MapPut("/bulk/users/upload", (HttpRequest request, HttpContext context) => UploadAsync(request, context, jobs, variants, replace: true));

        api.MapPost("/bulk/users/proceed", async (HttpRequest request, HttpContext context) =>
        {
            var id = RequestBody.RequiredWhole(await RequestBody.ReadObjectAsync(request), "id");
            var job = await jobs.ProceedAsync(id, ApiUser(context));
            if (job.Status == BulkJobStore.States.ValidScheme) processor.Enqueue(job.Id);
            return JobAnswer(context, job, variants);
        });

        api.MapGet("/bulk/users/jobs/{id:long}", async (long id) =>
            await jobs.GetAsync(id) is { } job ? Results.Json(await Shown(job)) : throw SandboxError.NotFound($"Job {id} not found"));

        api.MapGet("/bulk/users/jobs", async (int? page, int? per_page, HttpContext context) =>
        {
            int number = Math.Max(1, page ?? 1), size = Math.Clamp(per_page ?? 25, 1, 100);
            var (list, total) = await jobs.ListAsync(number, size);
            Paging(context, "/bulk/users/jobs", number, size, total);
            var shown = new List<object>();
            foreach (var job in list) shown.Add(await Shown(job));
            return Results.Json(shown);
        });

        api.MapGet("/bulk/users/errors/scheme/{id:long}", async (long id) => Results.Json((await jobs.ErrorsAsync(id, "scheme")).Select(CcaiWireShapes.Error)));
        api.MapGet("/bulk/users/errors/update/{id:long}", async (long id) => Results.Json((await jobs.ErrorsAsync(id, "update")).Select(CcaiWireShapes.Error)));

        // User configuration: by email (comma-separated, up to 1000) or paged.
        api.MapGet("/users", async (string? email, int? page, int? per_page, HttpContext context) =>
        {
            var emails = email?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (emails.Length > MaxPerPage) throw SandboxError.BadRequest($"At most {MaxPerPage} emails per request");
            int number = Math.Max(1, page ?? 1), size = Math.Clamp(per_page ?? 100, 1, MaxPerPage);
            var (users, total) = await database.RunAsync(c =>
            {
                var (roles, teams) = RolesAndTeams(c);
                var filter = emails.Length == 0 ? "" : $"AND u.email IN ({string.Join(", ", emails.Select((_, i) => $"@e{i}"))})";
                var args = emails.Select((e, i) => ($"@e{i}", (object?)e)).ToArray();
                var count = (int)c.Scalar<long>($"SELECT COUNT(*) FROM users u WHERE u.scim_managed = 0 {filter}", args);
                var rows = c.Query($"SELECT {CcaiWireShapes.UserColumns} FROM users u WHERE u.scim_managed = 0 {filter} ORDER BY u.created_on, u.email LIMIT @n OFFSET @o",
                    r => CcaiWireShapes.User(c, r, roles, teams, everyRoleAndTeam: false), [.. args, ("@n", size), ("@o", Offset(number, size))]);
                return (rows, count);
            });
            Paging(context, "/users", number, size, total);
            return Results.Json(users, CcaiWireShapes.Json);
        });
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, HttpContext context, BulkJobStore jobs, SandboxVariants variants, bool replace)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes;
        if (!request.HasFormContentType) throw SandboxError.BadRequest("Upload must be multipart/form-data with a part named 'file'");
        var form = await request.ReadFormAsync();
        var file = form.Files["file"] ?? throw SandboxError.BadRequest("Upload must carry a part named 'file'");
        using var reader = new StreamReader(file.OpenReadStream());
        var json = await reader.ReadToEndAsync();
        var job = replace
            ? await jobs.ReplaceFileAsync(long.TryParse(form["id"], out var id) ? id : throw SandboxError.BadRequest("'id' of the job to update is required"),
                file.FileName, json, ApiUser(context))
            : await jobs.CreateAsync(file.FileName, json, ApiUser(context));
        return JobAnswer(context, job, variants);
    }

    private static IResult JobAnswer(HttpContext context, BulkJobRecord job, SandboxVariants variants)
    {
        var link = $"{Prefix}/bulk/users/jobs/{job.Id}";
        context.Response.Headers.Link = $"<{link}>; rel=\"job\"";
        return Results.Json(new { id = job.Id, status = CcaiWireShapes.StatusWord(job.Status, variants), link });
    }

    // In long: a page number near int.MaxValue times a page size overflows an int into a negative offset, page one again.
    public static long Offset(int page, int perPage) => (page - 1L) * perPage;

    private static void Paging(HttpContext context, string path, int page, int perPage, int total)
    {
        context.Response.Headers["Total"] = total.ToString();
        context.Response.Headers["Per-Page"] = perPage.ToString();
        var links = new List<string>();
        if ((long)page * perPage < total) links.Add($"<{Prefix}{path}?page={page + 1}&per_page={perPage}>; rel=\"next\"");
        if (page > 1) links.Add($"<{Prefix}{path}?page={page - 1}&per_page={perPage}>; rel=\"prev\"");
        if (links.Count > 0) context.Response.Headers.Link = string.Join(", ", links);
    }

    private static (List<string> Roles, List<string> Teams) RolesAndTeams(Microsoft.Data.Sqlite.SqliteConnection c) => (
        c.Query("SELECT name FROM roles ORDER BY weight, name", r => r.GetString(0)),
        c.Query("SELECT name FROM groups ORDER BY name", r => r.GetString(0)));

    private static string ApiUser(HttpContext context) => Caller.Of(context)?.Key ?? "";
}
