using System.Collections.Concurrent;
using System.Management.Automation;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Results = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// Start-BulkJob -Wait over several batches when a later batch cannot be started: the jobs already running are the
/// platform's now, and their rows are applied whatever happens next, so the user must still be given them.
/// </summary>
public sealed class CcaiLaterBatchFailureTests : ModuleTest
{
    private const string Api = "/apps/api/v1";

    protected override string? Provider => null;

    [Fact]
    public async Task A_batch_that_cannot_start_still_leaves_the_jobs_started_before_it_in_the_output()
    {
        await using var app = await PlatformRefusingTheSecondProceedAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        var secret = new System.Net.NetworkCredential("", "any-token").SecurePassword;
        Shell.Run("$null = Connect-UserMgmt -Provider Ccai -BaseUri $uri -Credential ([pscredential]::new('tenant', $secret)) -MaxRetry 0",
            ("uri", address), ("secret", secret)).ThrowIfFailed();
        var rows = CsvRows.From("""
            Email,FirstName,LastName
            one@example.com,One,User
            two@example.com,Two,User
            """);

        var run = Shell.Run("$input | Start-BulkJob -BatchSize 1 -Wait -Confirm:$false", rows);

        Assert.Contains("not taking jobs", run.Stopped?.Message ?? string.Join("; ", run.Errors));
        // The job already running is given as it stands, with what became of the rest.
        var job = Assert.Single(run.Output, o => o.BaseObject.GetType().Name == "BulkJob");
        Assert.Equal("1", job.Properties["Id"].Value?.ToString());
        var warning = Assert.Single(run.Warnings).Message;
        Assert.Contains("Wait-BulkJob", warning);
        Assert.Contains("rows 2-2", warning);
    }

    /// <summary>Enough of CCAI Platform for Start-BulkJob: job 1 runs and completes, job 2's proceed is refused and it stays waiting.</summary>
    private static async Task<WebApplication> PlatformRefusingTheSecondProceedAsync()
    {
        var files = new ConcurrentDictionary<long, int>();
        long lastId = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(Api + "/users", () => Results.Json(Array.Empty<object>()));
        app.MapGet(Api + "/bulk/users/template", () => Results.Json(Array.Empty<object>()));
        app.MapPost(Api + "/bulk/users/upload", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var rows = (await JsonDocument.ParseAsync(form.Files["file"]!.OpenReadStream())).RootElement.GetArrayLength();
            var id = Interlocked.Increment(ref lastId);
            files[id] = rows;
            return Results.Json(new { id, status = "created" });
        });
        app.MapPost(Api + "/bulk/users/proceed", async (HttpRequest request) =>
        {
            var id = (await JsonDocument.ParseAsync(request.Body)).RootElement.GetProperty("id").GetInt64();
            return id == 1
                ? Results.Json(new { id, status = "in_progress" })
                : Results.Json(new { message = "The platform is not taking jobs now" }, statusCode: 400);
        });
        app.MapGet(Api + "/bulk/users/jobs/{id:long}", (long id) => id == 1
            ? Results.Json(new { id, status = "completed", total_rows = files[id], affected_rows = files[id], failed_rows = 0, process_requested_at = "2026-01-01T00:00:00Z" })
            : Results.Json(new { id, status = "valid_scheme", total_rows = files[id], process_requested_at = (string?)null }));
        await app.StartAsync();
        return app;
    }
}
