using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox;

namespace UserMgmt.Benchmarks;

/// <summary>
/// What the sandbox itself sustains over 50,000 users: each operation is eight calls in flight at once, as a
/// command's eight workers send them, so the Op/s column is the sandbox's requests a second for that call.
/// The sandbox is the yardstick every other figure is read against, so it must not be the bottleneck.
/// </summary>
[Config(typeof(RequestsPerSecond))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SandboxCapacityBenchmarks
{
    private const int Users = 50_000;
    private const int InFlight = 8;
    private const int PageSize = 100;
    private const int InvitesPerCall = 10;

    private string _directory = null!;
    private SandboxHost _sandbox = null!;
    private HttpClient _acceldata = null!;
    private HttpClient _ccai = null!;
    private readonly long[] _walkers = new long[InFlight];
    private long _invited;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Directory.CreateTempSubdirectory("usermgmt-bench-").FullName;
        var database = Path.Combine(_directory, "sandbox.db");
        // The tenant's rate limit is the platform's, not the sandbox's capacity: it is off here.
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { Urls = "http://127.0.0.1:0", DatabasePath = database, CcaiRequestsPerSecond = 0 });
        DirectUsers.Add(database, Users, "capacity");
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight * 2 };
        _acceldata = new HttpClient(handler, disposeHandler: false) { BaseAddress = _sandbox.BaseUri };
        _acceldata.DefaultRequestHeaders.Add("accessKey", SandboxOptions.DemoAccessKey);
        _acceldata.DefaultRequestHeaders.Add("secretKey", SandboxOptions.DemoSecretKey);
        _ccai = new HttpClient(handler) { BaseAddress = _sandbox.BaseUri };
        _ccai.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxOptions.DemoCcaiSubdomain}:{SandboxOptions.DemoSecretKey}")));
        // Each walker pages through its own stretch of the directory, as a client reading every user does.
        for (var i = 0; i < InFlight; i++) _walkers[i] = i * (Users / InFlight / PageSize);
    }

    [Benchmark(Description = "Acceldata list page (100, walking)", OperationsPerInvoke = InFlight)]
    public Task AcceldataListPage() => Eight(i => _acceldata, i => $"/admin/api/users/list?first={NextPage(i) * PageSize}&max={PageSize}");

    [Benchmark(Description = "Acceldata lookup by email (searchString)", OperationsPerInvoke = InFlight)]
    public Task AcceldataLookupByEmail() => Eight(i => _acceldata, i => $"/admin/api/users/list?searchString={AnyAddress()}");

    [Benchmark(Description = "CCAI users page (100, walking)", OperationsPerInvoke = InFlight)]
    public Task CcaiUsersPage() => Eight(i => _ccai, i => $"/apps/api/v1/users?page={NextPage(i) + 1}&per_page={PageSize}");

    [Benchmark(Description = "CCAI lookup by email (email=)", OperationsPerInvoke = InFlight)]
    public Task CcaiLookupByEmail() => Eight(i => _ccai, i => $"/apps/api/v1/users?email={AnyAddress()}");

    [Benchmark(Description = "Acceldata invite batch (10 addresses)", OperationsPerInvoke = InFlight)]
    public Task AcceldataInviteBatch() => Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
    {
        var emails = Enumerable.Range(0, InvitesPerCall).Select(_ => $"invited{Interlocked.Increment(ref _invited)}@capacity.example.com");
        var body = JsonSerializer.Serialize(new { emails, groups = Array.Empty<string>(), sendEmail = false });
        using var answer = await _acceldata.PostAsync("/admin/api/users/invite-users", new StringContent(body, Encoding.UTF8, "application/json"));
        Check(answer);
    }));

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _acceldata.Dispose();
        _ccai.Dispose();
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task Eight(Func<int, HttpClient> client, Func<int, string> path) => Task.WhenAll(Enumerable.Range(0, InFlight).Select(async i =>
    {
        using var answer = await client(i).GetAsync(path(i), HttpCompletionOption.ResponseContentRead);
        Check(answer);
    }));

    // The next page of walker i, starting again at the top after the last.
    private long NextPage(int i) => Interlocked.Increment(ref _walkers[i]) % (Users / PageSize);

    private static string AnyAddress() => $"capacity{Random.Shared.Next(1, Users + 1):D6}@example.com";

    // A refused call is answered faster than a served one: a figure made of refusals would mean nothing.
    private static void Check(HttpResponseMessage answer)
    {
        if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"{answer.RequestMessage?.RequestUri} answered {(int)answer.StatusCode}.");
    }

    private sealed class RequestsPerSecond : ManualConfig
    {
        public RequestsPerSecond() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
