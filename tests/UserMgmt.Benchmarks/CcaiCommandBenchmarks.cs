using System.Security;
using BenchmarkDotNet.Attributes;
using UserMgmt.Connections;
using UserMgmt.FakeProvider;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Sandbox;

namespace UserMgmt.Benchmarks;

/// <summary>
/// One Add-UserGroup command of N rows on CCAI Platform, its changes sent as one job per row (as a
/// platform without batching must) beside packed into as few jobs as the platform allows.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class CcaiCommandBenchmarks
{
    private string _directory = null!;
    private SandboxHost _sandbox = null!;
    private UserMgmtConnection _connection = null!;
    private IUserProvider _provider = null!;
    private List<User> _users = null!;
    private Group _team = null!;

    [Params(20)]
    public int Rows { get; set; }

    /// <summary>1: a job for every row; 500: the platform's batch, so every row in one job.</summary>
    [Params(1, 500)]
    public int RowsPerJob { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Directory.CreateTempSubdirectory("usermgmt-bench-").FullName;
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { Urls = "http://127.0.0.1:0", DatabasePath = Path.Combine(_directory, "sandbox.db") });
        var secret = new SecureString();
        foreach (var c in SandboxOptions.DemoSecretKey) secret.AppendChar(c);
        _connection = await UserMgmtConnection.OpenAsync(new ConnectionSettings
        {
            Provider = "Ccai", BaseUri = _sandbox.BaseUri, Credential = new ApiCredential(SandboxOptions.DemoCcaiSubdomain, secret),
        }, default);
        var client = _connection.Client;
        _provider = RelabelledProvider.Over(client, client.Capabilities with { UserChangesPerJob = RowsPerJob });
        _users = (await client.ListUsersAsync(null, 0, 100, default)).Users.Where(u => u.LastName is not null && !u.ExternallyManaged).Take(Rows).ToList();
        _team = (await client.ListGroupsAsync(default)).Single(g => g.Name == "Contractors");
    }

    [Benchmark(Description = "Add-UserGroup on CCAI Platform")]
    public async Task AddToTeam()
    {
        // Desired state: a user already in the team is sent again, so every iteration sends every row.
        var steps = _users.Select((u, i) => (PlannedStep)new MembershipStep(
            new MembershipRequest(i + 1, null, u.Email, [_team.Name]), u, [_team], add: true, OperationNames.AddToGroup)).ToList();
        var failed = 0;
        await new PlanExecutor(_provider, r => { if (r.Status != OperationStatus.Succeeded) Interlocked.Increment(ref failed); }).ApplyAsync(steps, default);
        if (failed > 0) throw new InvalidOperationException($"{failed} of {steps.Count} rows failed; the figures would mean nothing.");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _connection.Dispose();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
