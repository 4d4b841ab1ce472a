using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// A platform that misbehaves on purpose, on a free loopback port: each test maps the routes it
/// needs. Every request that arrives is kept with its headers, so a test can say what a server saw.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostileServer(WebApplication app) => _app = app;

    /// <summary>The address it listens on, with the real port.</summary>
    public Uri BaseUri => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public int Calls(string path) => Seen.Count(r => r.Path == path);

    public static async Task<HostileServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HostileServer(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            server.Seen.Enqueue(SeenRequest.From(context.Request, body));
            await next(context);
        });
        // Enough of the Acceldata API to open a connection.
        app.MapGet("/admin/api/users/count", () => Results.Json(new { count = 1 }));
        map(app);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request as it reached the server, with its body as text.</summary>
public sealed record SeenRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body = "")
{
    public static SeenRequest From(HttpRequest request, string body = "") => new(
        request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
}
