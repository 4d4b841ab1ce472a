using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace UserMgmt.Benchmarks.Throughput;

/// <summary>
/// What a command costs whatever its size: the time of Connect-UserMgmt and of the first one-row commands in a fresh
/// process, and the calls a 20-row command makes in a directory of 40 users and in one of 50,000.
/// </summary>
public static class FixedCost
{
    private const int SmallCommand = 20;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Connect, then three one-row commands on rows not yet changed, in a process that has run nothing before.</summary>
    public static async Task<string> FirstCommandsAsync()
    {
        await using var sandbox = await RunSandbox.StartAsync(new Scenario(Change.Attributes, 0), 3);
        using var engine = EngineProcess.Start();
        var clock = Stopwatch.StartNew();
        engine.Connect(sandbox.BaseUri, null);
        var connect = clock.Elapsed;
        var runs = Enumerable.Range(1, 3).Select(row => engine.Run(Change.Attributes, 1, firstRow: row).Elapsed).ToList();
        return string.Create(Culture,
            $"Fixed cost, fresh process: Connect-UserMgmt {Ms(connect)}; one-row Set-UserAttribute, first {Ms(runs[0])}, second {Ms(runs[1])}, third {Ms(runs[2])}.");
    }

    /// <summary>The calls each command makes for 20 rows, by method, in a directory of 40 users and of 50,000.</summary>
    public static async Task<string> SmallCommandCallsAsync()
    {
        using var engine = EngineProcess.Start();
        var text = new StringBuilder();
        text.AppendLine($"| {SmallCommand}-row command | calls, demo directory (40 users) | calls, {Scenario.LargeDirectory:N0} more users |");
        text.AppendLine("|---|--:|--:|");
        foreach (var change in Enum.GetValues<Change>())
        {
            var small = await CallsAsync(engine, new Scenario(change, 0));
            var large = await CallsAsync(engine, new Scenario(change, Scenario.LargeDirectory));
            text.AppendLine($"| {new Scenario(change, 0).Title} | {small} | {large} |");
        }
        return text.ToString();
    }

    private static async Task<string> CallsAsync(EngineProcess engine, Scenario scenario)
    {
        await using var sandbox = await RunSandbox.StartAsync(scenario, SmallCommand);
        engine.Connect(sandbox.BaseUri, null);
        await sandbox.Host.Requests.ClearAsync();
        engine.Run(scenario.Change, SmallCommand);
        var counts = await sandbox.Host.Requests.CountsAsync();
        int reads = counts.Where(c => c.Method == "GET").Sum(c => c.Count), writes = counts.Where(c => c.Method != "GET").Sum(c => c.Count);
        return string.Create(Culture, $"{reads + writes} ({reads} reads, {writes} writes)");
    }

    private static string Ms(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("N0", Culture) + " ms";
}
