using System.Security;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Sandbox;

namespace UserMgmt.Benchmarks;

/// <summary>
/// Planning one Set-UserAttribute command of 20 rows against a directory of the demo users alone and of 50,000 more:
/// the rows name the last users added, so none is on the first page. The cost should follow the 20 rows, not the directory.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DirectorySizeBenchmarks
{
    private const int Rows = 20;

    private string _directory = null!;
    private SandboxHost _sandbox = null!;
    private UserMgmtConnection _connection = null!;
    private List<AttributeRequest> _rows = null!;

    /// <summary>Users added to the demo directory.</summary>
    [Params(20, 50_000)]
    public int AddedUsers { get; set; }

    [Params("Acceldata", "Ccai")]
    public string Provider { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Directory.CreateTempSubdirectory("usermgmt-bench-").FullName;
        var database = Path.Combine(_directory, "sandbox.db");
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { Urls = "http://127.0.0.1:0", DatabasePath = database });
        DirectUsers.Add(database, AddedUsers, "bench");
        var secret = new SecureString();
        foreach (var c in SandboxOptions.DemoSecretKey) secret.AppendChar(c);
        var userName = Provider == "Ccai" ? SandboxOptions.DemoCcaiSubdomain : SandboxOptions.DemoAccessKey;
        _connection = await UserMgmtConnection.OpenAsync(new ConnectionSettings
        {
            Provider = Provider, BaseUri = _sandbox.BaseUri, Credential = new ApiCredential(userName, secret),
        }, default);
        var agent = new Dictionary<string, IReadOnlyList<string>> { ["agentNumber"] = ["A7"] };
        _rows = Enumerable.Range(AddedUsers - Rows + 1, Rows)
            .Select((n, i) => new AttributeRequest(i + 1, null, $"bench{n:D6}@example.com", agent)).ToList();
    }

    [Benchmark(Description = "Plan 20 attribute rows")]
    public async Task<int> PlanTwentyRows()
    {
        var plan = await new CommandPlanner(_connection.Client).PlanAttributesAsync(_rows, default);
        return plan.Steps.Count == Rows ? Rows : throw new InvalidOperationException($"{plan.Steps.Count} of {Rows} rows planned; the figures would mean nothing.");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _connection.Dispose();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
