using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using UserMgmt.Sandbox;

namespace UserMgmt.Module.Tests;

/// <summary>
/// The engine, loaded through the module's loader, works in a process that already uses another
/// version of one of its dependencies — as when another module loaded first in the same session —
/// and makes a real call against the sandbox.
/// </summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task The_engine_works_through_the_loader_next_to_another_CsvHelper()
    {
        // CsvHelper 34 changed its API; the engine is built against 33.
        var theirs = typeof(CsvHelper.CsvReader).Assembly;
        Assert.Equal(34, theirs.GetName().Version!.Major);

        var moduleDirectory = Path.Combine(ModuleAssembly.FindRepoRoot(), "bin", "UserMgmt");
        var loader = Assembly.LoadFrom(Path.Combine(moduleDirectory, "UserMgmt.Loader.dll"));
        loader.GetType("UserMgmt.Loader.ModuleLoader")!.GetMethod("Register")!.Invoke(null, null);
        var engine = Assembly.Load(new AssemblyName("UserMgmt.Core"));
        var context = AssemblyLoadContext.GetLoadContext(engine)!;
        Assert.Equal("UserMgmt", context.Name);

        var directory = Directory.CreateTempSubdirectory("usermgmt-isolation-").FullName;
        await using (var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Urls = "http://127.0.0.1:0", DatabasePath = Path.Combine(directory, "sandbox.db") }))
        {
            var connection = await OpenAsync(engine, sandbox.BaseUri);
            var client = connection.GetType().GetProperty("Client")!.GetValue(connection)!;
            var groups = await Await(client.GetType().GetMethod("ListGroupsAsync")!.Invoke(client, [CancellationToken.None])!);

            Assert.NotEmpty((System.Collections.IEnumerable)groups!);
        }
        var csv = Path.Combine(directory, "agents.csv");
        File.WriteAllText(csv, "Email,LastName\na@example.com,A\n");
        var read = engine.GetType("UserMgmt.Bulk.BulkFileReader")!.GetMethod("Read")!.Invoke(null, [csv])!;

        Assert.Single((System.Collections.IEnumerable)read.GetType().GetProperty("Rows")!.GetValue(read)!);
        var ours = context.Assemblies.Single(a => a.GetName().Name == "CsvHelper");
        Assert.Equal(33, ours.GetName().Version!.Major);
        Assert.Contains(context.Assemblies, a => a.GetName().Name == "RestSharp");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    // The engine's types live in another load context, so they are reached by reflection, as PowerShell does.
    private static async Task<object> OpenAsync(Assembly engine, Uri baseUri)
    {
        var secret = new SecureString();
        foreach (var c in SandboxOptions.DemoSecretKey) secret.AppendChar(c);
        var credential = Activator.CreateInstance(engine.GetType("UserMgmt.Connections.ApiCredential")!, SandboxOptions.DemoAccessKey, secret)!;
        var settingsType = engine.GetType("UserMgmt.Connections.ConnectionSettings")!;
        var settings = Activator.CreateInstance(settingsType)!;
        settingsType.GetProperty("Provider")!.SetValue(settings, "Acceldata");
        settingsType.GetProperty("BaseUri")!.SetValue(settings, baseUri);
        settingsType.GetProperty("Credential")!.SetValue(settings, credential);
        var open = engine.GetType("UserMgmt.Connections.UserMgmtConnection")!.GetMethod("OpenAsync")!;
        return (await Await(open.Invoke(null, [settings, CancellationToken.None])!))!;
    }

    private static async Task<object?> Await(object task)
    {
        await (Task)task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }
}
