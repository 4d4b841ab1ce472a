using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using UserMgmt.Sandbox.Acceldata;
using UserMgmt.Sandbox.Ccai;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox;

/// <summary>A running sandbox: started by the command line, or in-process by tests.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, SandboxDatabase database)
    {
        _app = app;
        Database = database;
        Requests = app.Services.GetRequiredService<RequestLog>();
        Canned = app.Services.GetRequiredService<CannedAnswers>();
        Faults = app.Services.GetRequiredService<FaultInjection>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUri = new Uri(addresses.First());
    }

    /// <summary>The address it listens on, with the real port when port 0 was asked for.</summary>
    public Uri BaseUri { get; }
    public SandboxDatabase Database { get; }
    public RequestLog Requests { get; }
    public CannedAnswers Canned { get; }
    public FaultInjection Faults { get; }

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        var database = new SandboxDatabase(options.DatabasePath);
        database.EnsureSchema();
        if (options.SeedDemoData) DemoOrganisation.Seed(database);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<DirectoryStore>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<CannedAnswers>();
        builder.Services.AddSingleton<RequestRecording>();
        builder.Services.AddSingleton<KeyAuthentication>();
        builder.Services.AddSingleton<FaultInjection>();
        builder.Services.AddSingleton<BasicAuthentication>();
        builder.Services.AddSingleton<CcaiRateLimit>();
        builder.Services.AddSingleton<BulkJobStore>();
        builder.Services.AddSingleton<BulkJobProcessor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BulkJobProcessor>());

        var app = builder.Build();
        app.UseMiddleware<RequestRecording>();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix),
            api => api.UseMiddleware<FaultInjection>());
        app.UseMiddleware<KeyAuthentication>();
        app.UseMiddleware<BasicAuthentication>();
        app.UseMiddleware<CcaiRateLimit>();
        var store = app.Services.GetRequiredService<DirectoryStore>();
        UserEndpoints.Map(app, store);
        GroupEndpoints.Map(app, store);
        CcaiEndpoints.Map(app, app.Services.GetRequiredService<BulkJobStore>(), app.Services.GetRequiredService<BulkJobProcessor>(), database);
        AdminEndpoints.Map(app, app.Services.GetRequiredService<RequestLog>(), app.Services.GetRequiredService<CannedAnswers>(),
            app.Services.GetRequiredService<FaultInjection>());

        await app.StartAsync(cancellationToken);
        return new SandboxHost(app, database);
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
