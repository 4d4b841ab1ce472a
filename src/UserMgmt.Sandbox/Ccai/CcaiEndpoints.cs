using System.Globalization;
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

    public static void Map(IEndpointRouteBuilder app, BulkJobStore jobs, BulkJobProcessor processor, SandboxDatabase database, UserListings listings,
        SandboxVariants variants)
    {
        // A job as its status shows it: with the errors found so far, in the words and counters the variants choose.
        async Task<object> Shown(BulkJobRecord job) =>
            CcaiWireShapes.Job(job, await jobs.ErrorsAsync(job.Id, "scheme"), await jobs.ErrorsAsync(job.Id, "update"), variants);

        var api = app.MapGroup(Prefix);

        api.MapGet("/bulk/users/template", async () => Results.Json(await database.ReadAsync(c =>
        {
            var (roles, teams) = RolesAndTeams(c);
            var rows = c.Query($"SELECT {CcaiWireShapes.UserColumns} FROM users u WHERE u.scim_managed = 0 ORDER BY u.created_on, u.email",
                r => CcaiWireShapes.User(c, r, roles, teams, everyRoleAndTeam: true, variants));
            return rows;
        }), CcaiWireShapes.Json));

        api.MapPost("/bulk/users/upload", (HttpRequest request, HttpContext context) => UploadAsync(request, context, jobs, variants, replace: false));
        api.MapPut("/bulk/users/upload", (HttpRequest request, HttpContext context) => UploadAsync(request, context, jobs, variants, replace: true));

        api.MapPost("/bulk/users/proceed", async (HttpRequest request, HttpContext context) =>
        {
            var job = await jobs.ProceedAsync(await ProceedIdAsync(request), ApiUser(context));
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

        api.MapGet("/bulk/users/errors/scheme/{id:long}", async (long id) => Results.Json((await jobs.ErrorsAsync(id, "scheme")).Select(e => CcaiWireShapes.SchemeLogEntry(e, variants))));
        api.MapGet("/bulk/users/errors/update/{id:long}", async (long id) => Results.Json((await jobs.ErrorsAsync(id, "update")).Select(CcaiWireShapes.Error)));

        // User configuration (P3): chosen users by address or System ID (comma-separated, up to 1000), or every user a page at a time.
        api.MapGet("/users", async (string? email, string? id, int? page, int? per_page) =>
        {
            var emails = List(email);
            var ids = List(id);
            var chosen = emails.Length + ids.Length > 0;
            if (chosen && page is not null)
                throw SandboxError.BadRequest("A page number cannot be combined with user ids (email, id): ask for chosen users without 'page'");
            if (emails.Length + ids.Length > MaxPerPage) throw SandboxError.BadRequest($"At most {MaxPerPage} user ids per request");
            int number = Math.Max(1, page ?? 1), size = variants.Has(SandboxVariant.PerPageIgnored) ? 100 : Math.Clamp(per_page ?? 100, 1, MaxPerPage);
            var users = await database.ReadAsync(c =>
            {
                var version = UserListings.Version(c);
                var (roles, teams) = RolesAndTeams(c);
                // Chosen users come whole; the rest page by number. The answer carries no Total: P3 does not say how more pages are signalled.
                var (filter, args) = chosen ? Chosen(emails, ids, variants) : ("", []);
                var listing = chosen ? null : "ccai/users";
                var (after, window, windowArgs) = chosen ? ("", "", []) : listings.Page(listing, version, Offset(number, size), size, "u.created_on", "u.email");
                var page = c.Query($"""
                    SELECT {CcaiWireShapes.UserColumns} FROM users u WHERE u.scim_managed = 0 {filter} {(after.Length > 0 ? "AND " + after : "")}
                    ORDER BY u.created_on, u.email {window}
                    """,
                    r => (Row: CcaiWireShapes.User(c, r, roles, teams, everyRoleAndTeam: false, variants), CreatedOn: r.GetInt64(11), Email: r.GetString(1)),
                    [.. args, .. windowArgs]);
                if (page.Count > 0) listings.Served(listing, version, Offset(number, size), page.Count, page[^1].CreatedOn, page[^1].Email);
                return page.Select(p => p.Row).ToList();
            });
            return Results.Json(users, CcaiWireShapes.Json);
        });
    }

    /// <summary>
    /// The users chosen by address or System ID, found through the indexes on each (the address compared as the
    /// column is, without case) rather than by reading every user.
    /// </summary>
    private static (string Filter, (string, object?)[] Args) Chosen(string[] emails, string[] ids, SandboxVariants variants)
    {
        var args = emails.Select((e, i) => ($"@e{i}", (object?)e)).ToList();
        string byId;
        if (variants.Has(SandboxVariant.NumericIds))
        {
            // The rowid as text is what the id reads; only text that is a rowid written plainly can be one.
            var rowids = ids.Select(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    && n.ToString(CultureInfo.InvariantCulture) == v ? n : (long?)null)
                .OfType<long>().Distinct().ToArray();
            args.AddRange(rowids.Select((n, i) => ($"@i{i}", (object?)n)));
            byId = $"SELECT rowid FROM users WHERE rowid IN ({string.Join(", ", rowids.Select((_, i) => $"@i{i}"))})";
        }
        else
        {
            args.AddRange(ids.Select((v, i) => ($"@i{i}", (object?)v)));
            byId = $"SELECT rowid FROM users WHERE id IN ({Parameters("i", ids)})";
        }
        return ($"AND u.rowid IN (SELECT rowid FROM users WHERE email IN ({Parameters("e", emails)}) UNION {byId})", args.ToArray());
    }

    private static string[] List(string? value) => value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    // An empty IN () is valid SQLite and matches nothing.
    private static string Parameters(string prefix, string[] values) => string.Join(", ", values.Select((_, i) => $"@{prefix}{i}"));

    private static async Task<IResult> UploadAsync(HttpRequest request, HttpContext context, BulkJobStore jobs, SandboxVariants variants, bool replace)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes;
        if (!request.HasFormContentType) throw SandboxError.BadRequest("Upload must be multipart/form-data with a part named 'file'");
        var form = await ReadFormAsync(request);
        var file = form.Files["file"] ?? throw SandboxError.BadRequest("Upload must carry a part named 'file'");
        using var reader = new StreamReader(file.OpenReadStream());
        var json = await reader.ReadToEndAsync();
        var job = replace
            ? await jobs.ReplaceFileAsync(long.TryParse(form["id"], out var id) ? id : throw SandboxError.BadRequest("'id' of the job to update is required"),
                file.FileName, json, ApiUser(context))
            : await jobs.CreateAsync(file.FileName, json, ApiUser(context));
        return JobAnswer(context, job, variants);
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A form without its boundary, cut short or not a form at all: the client's mistake, not a crash.
            throw SandboxError.BadRequest($"Body is not a valid form: {e.Message}");
        }
    }

    /// <summary>The job to proceed: P1 shows no request body, so {"id"} is taken as JSON or, as upload takes it, as a form field.</summary>
    private static async Task<long> ProceedIdAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return RequestBody.RequiredWhole(await RequestBody.ReadObjectAsync(request), "id");
        var form = await ReadFormAsync(request);
        return long.TryParse(form["id"], out var id) ? id : throw SandboxError.BadRequest("'id' must be a whole number");
    }

    /// <summary>
    /// P1's answer: <c>Link: http://ujet.co/apps/api/v1/bulk/users_jobs/12345</c>, a bare absolute URL, the same in the
    /// body's <c>link</c>. It points at the job's status here; P1's <c>users_jobs</c> is a path no other call uses.
    /// </summary>
    private static IResult JobAnswer(HttpContext context, BulkJobRecord job, SandboxVariants variants)
    {
        var link = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}/bulk/users/jobs/{job.Id}";
        context.Response.Headers.Link = link;
        return Results.Json(new { id = CcaiWireShapes.JobId(job.Id, variants), status = CcaiWireShapes.StatusWord(job.Status, variants), link });
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

    private static (List<CcaiWireShapes.Named> Roles, List<CcaiWireShapes.Named> Teams) RolesAndTeams(Microsoft.Data.Sqlite.SqliteConnection c) => (
        c.Query("SELECT id, name FROM roles ORDER BY weight, name", r => new CcaiWireShapes.Named(r.GetInt64(0).ToString(), r.GetString(1))),
        c.Query("SELECT id, name FROM groups ORDER BY name", r => new CcaiWireShapes.Named(r.GetString(0), r.GetString(1))));

    private static string ApiUser(HttpContext context) => Caller.Of(context)?.Key ?? "";
}
