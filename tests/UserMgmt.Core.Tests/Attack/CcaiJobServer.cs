using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>How the platform ends one job: what its status and its error logs say, whatever the file held.</summary>
public sealed record JobEnding(string Status, int FailedRows = 0, string SchemeErrors = "[]", string UpdateErrors = "[]")
{
    /// <summary>Every row applied.</summary>
    public static readonly JobEnding Clean = new("completed");

    /// <summary>Set to answer the job's status with a proxy's HTML page instead of JSON.</summary>
    public bool StatusAsHtml { get; init; }

    /// <summary>Set to answer the counters of rows applied and failed as null: the platform has not counted yet.</summary>
    public bool Uncounted { get; init; }

    /// <summary>Set for a file the platform refuses when it is uploaded: the job reads invalid_scheme at once, and a proceed is refused.</summary>
    public bool RefusedOnUpload { get; init; }

    /// <summary>Set to answer the proceed with this status code (and a message) instead of taking it quietly.</summary>
    public int? ProceedAnsweredWith { get; init; }

    /// <summary>With <see cref="ProceedAnsweredWith"/>: the platform took the proceed all the same, and the job runs.</summary>
    public bool ProceedTakenAnyway { get; init; }

    /// <summary>Set to answer both error logs with 404, as a platform may for a job that has none.</summary>
    public bool ErrorLogsMissing { get; init; }

    /// <summary>The process_requested_at the status carries once the job was proceeded, in whatever JSON form the test gives.</summary>
    public object? ProcessRequestedAt { get; init; } = "2026-01-01T00:00:00Z";
}

/// <summary>
/// Enough of CCAI Platform's bulk user API to run change jobs, on a <see cref="HostileServer"/>: the
/// Nth job uploaded ends as the test's script says, so a test can give the client any ending no real
/// platform shows on cue. Keeps each uploaded file, so a test can say what went again.
/// </summary>
public sealed class CcaiJobServer : IAsyncDisposable
{
    private const string Api = "/apps/api/v1/bulk/users";
    private readonly ConcurrentDictionary<long, string> _files = new();
    private readonly ConcurrentDictionary<long, bool> _proceeded = new();
    private int _proceedsLost;
    private int _proceedAnswersLost;
    private long _lastId;
    private int _proceeds;

    private CcaiJobServer(HostileServer server) => Server = server;

    public HostileServer Server { get; }

    /// <summary>How many proceed requests the platform took (lost ones not counted).</summary>
    public int Proceeds => Volatile.Read(ref _proceeds);

    /// <summary>The files uploaded, in order, as the platform received them.</summary>
    public IReadOnlyList<JsonElement> Uploaded => _files.OrderBy(f => f.Key).Select(f => JsonDocument.Parse(f.Value).RootElement).ToList();

    /// <summary>The files uploaded, in order: each an array of the rows' addresses.</summary>
    public IReadOnlyList<string[]> Files => _files.OrderBy(f => f.Key).Select(f => Addresses(f.Value)).ToList();

    /// <param name="ending">How the Nth job (from 1) ends.</param>
    /// <param name="onPoll">Called on each status check, with the job's number.</param>
    /// <param name="proceedsLost">How many proceed requests the network loses before they reach the platform.</param>
    /// <param name="proceedAnswersLost">How many proceed answers the network loses after the platform took the request.</param>
    /// <param name="secondProceedConflicts">Whether a proceed of a job already proceeded is answered 409, as the sandbox does, instead of taken again.</param>
    public static async Task<CcaiJobServer> StartAsync(Func<int, JobEnding> ending, Action<int>? onPoll = null, int proceedsLost = 0, int proceedAnswersLost = 0,
        bool secondProceedConflicts = false)
    {
        CcaiJobServer? self = null;
        var server = await HostileServer.StartAsync(app =>
        {
            app.MapPost(Api + "/upload", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                using var reader = new StreamReader(form.Files["file"]!.OpenReadStream());
                var id = Interlocked.Increment(ref self!._lastId);
                self._files[id] = await reader.ReadToEndAsync();
                return Results.Json(new { id, status = "created" });
            });
            app.MapPost(Api + "/proceed", async (HttpContext context) =>
            {
                var id = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.GetProperty("id").GetInt64();
                if (Interlocked.Increment(ref self!._proceedsLost) <= proceedsLost)
                {
                    context.Abort();
                    return Results.Empty;
                }
                if (ending((int)id).RefusedOnUpload)
                    return Results.Json(new { message = "Job has an invalid scheme and cannot be processed" }, statusCode: 422);
                if (secondProceedConflicts && self._proceeded.ContainsKey(id))
                    return Results.Json(new { message = "Job is already being processed" }, statusCode: 409);
                if (ending((int)id).ProceedAnsweredWith is { } code)
                {
                    if (ending((int)id).ProceedTakenAnyway && self._proceeded.TryAdd(id, true)) Interlocked.Increment(ref self._proceeds);
                    return Results.Json(new { message = $"Proceed answered {code}" }, statusCode: code);
                }
                self._proceeded[id] = true;
                Interlocked.Increment(ref self._proceeds);
                if (Interlocked.Increment(ref self._proceedAnswersLost) <= proceedAnswersLost)
                {
                    context.Abort();
                    return Results.Empty;
                }
                return Results.Json(new { id, status = "in_progress" });
            });
            app.MapGet(Api + "/jobs/{id:long}", (long id) =>
            {
                onPoll?.Invoke((int)id);
                // Checked on upload, as the platform says it does, and waiting to be proceeded.
                if (ending((int)id).RefusedOnUpload) return Job(id, ending((int)id));
                if (!self!._proceeded.ContainsKey(id)) return Results.Json(new { id, status = "valid_scheme", process_requested_at = (string?)null });
                var end = ending((int)id);
                if (end.StatusAsHtml) return Results.Text("<html><body>Signing you in…</body></html>", "text/html");
                return Job(id, end);
            });
            app.MapGet(Api + "/errors/scheme/{id:long}", (long id) => ending((int)id).ErrorLogsMissing
                ? Results.Json(new { message = "Not found" }, statusCode: 404) : Results.Text(ending((int)id).SchemeErrors, "application/json"));
            app.MapGet(Api + "/errors/update/{id:long}", (long id) => ending((int)id).ErrorLogsMissing
                ? Results.Json(new { message = "Not found" }, statusCode: 404) : Results.Text(ending((int)id).UpdateErrors, "application/json"));
        });
        self = new CcaiJobServer(server);
        return self;

        IResult Job(long id, JobEnding end)
        {
            var rows = Addresses(self!._files[id]).Length;
            return Results.Json(new
            {
                id, status = end.Status, filename = $"job{id}.json", total_rows = rows,
                process_requested_at = end.RefusedOnUpload ? null : end.ProcessRequestedAt,
                affected_rows = end.Uncounted ? null : (int?)(end.RefusedOnUpload ? 0 : rows - end.FailedRows),
                failed_rows = end.Uncounted ? null : (int?)end.FailedRows,
            });
        }
    }

    /// <summary>Runs "add to Team" for users one@, two@, … through the engine against this server, and returns every result in row order.</summary>
    public async Task<List<OperationResult>> AddToTeamAsync(int users, CancellationToken cancellationToken = default, ExecutionOptions? options = null)
    {
        using var client = HostileClient.Client(Server, "Ccai");
        var team = new Group { Id = "Team", Name = "Team" };
        var steps = Enumerable.Range(1, users)
            .Select(n => new User { Id = $"u{n}", Email = Email(n), FirstName = $"First{n}", LastName = $"Last{n}" })
            .Select((u, i) => (PlannedStep)new MembershipStep(new MembershipRequest(i + 1, $"row {i + 1}", u.Email, [team.Name]), u, [team], add: true, OperationNames.AddToGroup))
            .ToList();
        var results = new List<OperationResult>();
        try
        {
            await new PlanExecutor(client, r => { lock (results) results.Add(r); }, options).ApplyAsync(steps, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // As Ctrl+C: the rows still each got their result.
        }
        return results.OrderBy(r => r.Row).ToList();
    }

    public static string Email(int n) => $"user{n}@example.com";

    private static string[] Addresses(string file) =>
        JsonDocument.Parse(file).RootElement.EnumerateArray().Select(r => r.GetProperty("email").GetString()!).ToArray();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
