using System.Collections;
using System.Management.Automation;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserMgmt.PowerShell.Tests.Hosting;
using Results = Microsoft.AspNetCore.Http.Results;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// A CCAI platform that echoes the caller's token back everywhere it can: error bodies, a redirect, a job's file name
/// and status. With verbose and debug on, no stream of any command, and no object it writes, shows the token.
/// </summary>
public sealed class CcaiSecretEchoCommandTests : ModuleTest
{
    private const string Api = "/apps/api/v1";
    private const string Token = "tOk+en/Echo=&<x>'9Zq";

    protected override string? Provider => null;

    [Fact]
    public async Task No_stream_or_object_shows_the_token_the_platform_echoes()
    {
        await using var app = await EchoingPlatformAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        var secret = new System.Net.NetworkCredential("", Token).SecurePassword;

        var run = Shell.Run("""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            Connect-UserMgmt -Provider Ccai -BaseUri $uri -Credential ([pscredential]::new('tenant', $secret)) -MaxRetry 1 -RetryDelay 0.01
            Get-User -All -ErrorAction Continue
            Get-User -Search 'someone@example.com' -ErrorAction Continue
            Get-User -Search 'ann' -ErrorAction Continue
            Get-BulkJob -ErrorAction Continue
            Get-BulkJob -Id 7 -ErrorAction Continue
            Get-BulkJobError -Id 7 -ErrorAction Continue
            Start-BulkJob -Email a@example.com -FirstName A -LastName B -Confirm:$false -ErrorAction Continue
            """, ("uri", address), ("secret", secret));

        var shown = new StringBuilder();
        foreach (var o in run.Output) Strings(o, shown, 0);
        foreach (var e in run.Errors)
            shown.AppendLine(e.ToString()).AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message).AppendLine(e.TargetObject?.ToString());
        if (run.Stopped is { } stopped) shown.AppendLine(stopped.ToString());
        foreach (var w in run.Warnings) shown.AppendLine(w.Message);
        foreach (var v in run.Verbose) shown.AppendLine(v.Message);
        foreach (var d in run.Debug) shown.AppendLine(d.Message);
        var text = shown.ToString();

        Assert.Contains("apps/api/v1", text);
        Assert.Contains("***", text);
        Assert.True(run.Errors.Count >= 4, string.Join("\n", run.Errors));
        foreach (var form in Forms())
            Assert.False(text.Contains(form, StringComparison.Ordinal), $"'{form}' is shown:\n{text}");
    }

    private static IEnumerable<string> Forms()
    {
        yield return Token[..10];
        yield return Uri.EscapeDataString(Token)[..12];
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes("tenant:" + Token));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(Token));
    }

    /// <summary>Every string an object written shows, through its properties, lists and maps.</summary>
    private static void Strings(object? item, StringBuilder into, int depth)
    {
        if (item is null || depth > 4) return;
        if (item is PSObject ps)
        {
            if (ps.BaseObject is string s) { into.AppendLine(s); return; }
            foreach (var property in ps.Properties)
            {
                object? value;
                try { value = property.Value; } catch (GetValueException) { continue; }
                Strings(value, into, depth + 1);
            }
            return;
        }
        if (item is string text) { into.AppendLine(text); return; }
        if (item is IDictionary map) { foreach (DictionaryEntry entry in map) { Strings(entry.Key, into, depth + 1); Strings(entry.Value, into, depth + 1); } return; }
        if (item is IEnumerable list) { foreach (var element in list) Strings(element, into, depth + 1); return; }
        if (item.GetType().IsPrimitive || item is Uri or DateTimeOffset or Guid or Enum) { into.AppendLine(item.ToString()); return; }
        Strings(PSObject.AsPSObject(item), into, depth + 1);
    }

    /// <summary>Echoes what the caller sent, its token decoded, in every answer but the one that opens the connection.</summary>
    private static async Task<WebApplication> EchoingPlatformAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        static string Echo(HttpRequest request)
        {
            var header = request.Headers.Authorization.ToString();
            var decoded = header.StartsWith("Basic ") ? Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) : "";
            return $"refused {header} for {decoded} ({Uri.EscapeDataString(decoded)})";
        }
        app.MapGet(Api + "/users", (HttpRequest request, int? per_page, int? page, string? email) =>
            per_page == 1 && page is null ? Results.Json(Array.Empty<object>())
            : email is not null ? Results.Json(new { message = Echo(request) }, statusCode: 400)
            : page == 1 && per_page == 1000 ? Results.Text($"<html><body>{Echo(request)}</body></html>", "text/html")
            : Results.Redirect("https://elsewhere.example/login?token=" + Uri.EscapeDataString(Echo(request))));
        app.MapGet(Api + "/bulk/users/template", () => Results.Json(Array.Empty<object>()));
        app.MapGet(Api + "/bulk/users/jobs", (HttpRequest request) =>
            Results.Json(new[] { new { id = 7, status = Echo(request), filename = Echo(request), uploaded_api_user_name = Echo(request) } }));
        app.MapGet(Api + "/bulk/users/jobs/{id:long}", (HttpRequest request) => Results.Text(Echo(request), "text/plain", statusCode: 503));
        app.MapGet(Api + "/bulk/users/errors/{kind}/{id:long}", (HttpRequest request) => Results.Json(new { error = Echo(request) }, statusCode: 404));
        app.MapPost(Api + "/bulk/users/upload", (HttpRequest request) => Results.Json(new { errors = new[] { Echo(request) } }, statusCode: 422));
        await app.StartAsync();
        return app;
    }
}
