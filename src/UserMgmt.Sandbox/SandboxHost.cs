using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox.Access;
using UserMgmt.Sandbox.Acceldata;
using UserMgmt.Sandbox.AppXite;
using UserMgmt.Sandbox.Ccai;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Sandbox.Scim;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox;

/// <summary>A running sandbox: started by the command line, or in-process by tests.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    /// <summary>No API call the module makes comes near this; bulk files have their own, larger limit.</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, SandboxOptions options, SandboxDatabase database)
    {
        _app = app;
        Options = options;
        Database = database;
        Requests = app.Services.GetRequiredService<RequestLog>();
        Canned = app.Services.GetRequiredService<CannedAnswers>();
        Faults = app.Services.GetRequiredService<FaultInjection>();
        Variants = app.Services.GetRequiredService<SandboxVariants>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUri = new Uri(addresses.First());
    }

    /// <summary>The address it listens on, with the real port when port 0 was asked for.</summary>
    public Uri BaseUri { get; }
    public SandboxDatabase Database { get; }
    public RequestLog Requests { get; }
    public CannedAnswers Canned { get; }
    public FaultInjection Faults { get; }
    /// <summary>The shapes it answers in where the vendors leave them open.</summary>
    public SandboxVariants Variants { get; }
    /// <summary>The options it runs with, the admin key filled in when none was given.</summary>
    public SandboxOptions Options { get; }
    public string AdminKey => Options.AdminKey!;
    /// <summary>Every route it serves, read from the app itself.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        options = options.Validated() with { AdminKey = options.AdminKey ?? RandomNumberGenerator.GetHexString(32, lowercase: true) };
        var database = OpenDatabase(options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);
        // Binding failures throw, so RequestRecording answers them with a message naming the parameter.
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start is reported by the caller in one line; the host's own report is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<DirectoryStore>();
        builder.Services.AddSingleton<UserListings>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<CannedAnswers>();
        builder.Services.AddSingleton<RequestRecording>();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<AdminAuthentication>();
        builder.Services.AddSingleton<KeyAuthentication>();
        builder.Services.AddSingleton<FaultInjection>();
        builder.Services.AddSingleton(new SandboxVariants(options.Variants));
        builder.Services.AddSingleton<BasicAuthentication>();
        builder.Services.AddSingleton<ScimAuthentication>();
        builder.Services.AddSingleton<AppXiteAuthentication>();
        builder.Services.AddSingleton<ScimDirectory>();
        builder.Services.AddSingleton<CcaiRateLimit>();
        builder.Services.AddSingleton<BulkJobStore>();
        builder.Services.AddSingleton<BulkJobProcessor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BulkJobProcessor>());

        var app = builder.Build();
        app.UseMiddleware<RequestRecording>();
        // Keys are checked before anything else happens to a call, so that a caller without one can
        // neither use up canned answers, nor fill a rate limit, nor meet an injected fault.
        app.UseMiddleware<AdminAuthentication>();
        app.UseMiddleware<KeyAuthentication>();
        app.UseMiddleware<BasicAuthentication>();
        app.UseMiddleware<ScimAuthentication>();
        app.UseMiddleware<AppXiteAuthentication>();
        app.UseWhen(context => Caller.Of(context) is not null, api =>
        {
            api.UseMiddleware<CannedAnswers>();
            api.UseMiddleware<FaultInjection>();
            api.UseMiddleware<CcaiRateLimit>();
        });
        var store = app.Services.GetRequiredService<DirectoryStore>();
        var variants = app.Services.GetRequiredService<SandboxVariants>();
        UserEndpoints.Map(app, store, variants);
        GroupEndpoints.Map(app, store, variants);
        CcaiEndpoints.Map(app, app.Services.GetRequiredService<BulkJobStore>(), app.Services.GetRequiredService<BulkJobProcessor>(), database,
            app.Services.GetRequiredService<UserListings>(), variants);
        ScimEndpoints.Map(app, app.Services.GetRequiredService<ScimDirectory>());
        AppXiteEndpoints.Map(app, new AppXiteStore(database));
        AdminEndpoints.Map(app, app.Services.GetRequiredService<RequestLog>(), app.Services.GetRequiredService<CannedAnswers>(),
            app.Services.GetRequiredService<FaultInjection>(), app.Services.GetRequiredService<SandboxVariants>());

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Kestrel refuses an address only when it binds: taken, not this machine's, localhost with port 0.
            await app.DisposeAsync();
            throw SandboxStartException.Listening(options.Urls, e);
        }
        return new SandboxHost(app, options, database);
    }

    private static SandboxDatabase OpenDatabase(SandboxOptions options)
    {
        try
        {
            var database = new SandboxDatabase(options.DatabasePath);
            database.EnsureSchema();
            if (options.SeedDemoData) DemoOrganisation.Seed(database);
            return database;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw SandboxStartException.Database(options.DatabasePath, e);
        }
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
