using System.Security;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using UserMgmt.Bulk;
using UserMgmt.Connections;
using UserMgmt.Sandbox;

namespace UserMgmt.Benchmarks;

/// <summary>
/// How close a burst of calls gets to CCAI Platform's 10 requests a second without passing it: the
/// sandbox counts arrivals as the platform does and refuses the eleventh in any second.
/// </summary>
[Config(typeof(RateColumns))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class PlatformRateBenchmarks
{
    private string _directory = null!;
    private SandboxHost _sandbox = null!;
    private UserMgmtConnection _connection = null!;

    [Params(40)]
    public int Requests { get; set; }

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
    }

    [Benchmark(Description = "burst of list-jobs calls")]
    public Task Burst()
    {
        var jobs = _connection.Client.BulkJobs!;
        return Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => jobs.ListJobsAsync(1, 1, default)));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _connection.Dispose();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The rate reached beside the platform's limit.</summary>
    private sealed class RateColumns : ManualConfig
    {
        public RateColumns() => AddColumn(new RateColumn());
    }

    private sealed class RateColumn : IColumn
    {
        public string Id => nameof(RateColumn);
        public string ColumnName => "Requests/s (limit 10)";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Calls per second over the burst, from the mean time";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var requests = (int)benchmarkCase.Parameters[nameof(Requests)];
            // The first call of a burst goes at once: the rate is over the gaps between calls.
            return summary[benchmarkCase]?.ResultStatistics is { } stats
                ? ((requests - 1) / (stats.Mean / 1e9)).ToString("0.00")
                : "-";
        }
    }
}
