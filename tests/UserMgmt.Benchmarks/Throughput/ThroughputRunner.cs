using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace UserMgmt.Benchmarks.Throughput;

/// <summary>
/// The one-command throughput benchmark: for each change and size, the naive loop, the hand-batched ceiling
/// and the engine, each against a fresh sandbox on loopback, median of several runs; then the memory and
/// first-result figures for rows streamed through -WhatIf. Prints figures; asserts nothing about them.
/// </summary>
public static class ThroughputRunner
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ThroughputOptions options;
        try
        {
            options = ThroughputOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        var total = Stopwatch.StartNew();
        Say($"UserMgmt throughput, Acceldata provider against the sandbox on 127.0.0.1; {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Say($"Sizes {string.Join(", ", options.Sizes.Select(s => s.ToString("N0", Culture)))}; median of {options.Runs} runs " +
            $"(one from {options.OneRunFrom:N0} rows, the ceiling at the concurrency best at the size below); " +
            $"naive loop stopped after {options.NaiveLimit.TotalSeconds:0} s; ceiling concurrency best of {string.Join("/", options.Concurrencies)}.");
        // First, in processes of their own: nothing run before may have compiled what a first command pays for.
        Say(await FixedCost.FirstCommandsAsync());
        Say("");
        Console.Write(await FixedCost.SmallCommandCallsAsync());
        Say("");
        using var engine = EngineProcess.Start();
        // Every path once, figures dropped, so the first measured cell does not pay for compiling them.
        var warmUp = options with { Runs = 1, NaiveLimit = TimeSpan.FromSeconds(1), Concurrencies = [8] };
        foreach (var change in Enum.GetValues<Change>()) await MeasureAsync(engine, new Scenario(change, 0), 100, warmUp);
        var cells = new List<Cell>();
        foreach (var scenario in Scenario.All)
        {
            var concurrencies = options.Concurrencies;
            foreach (var rows in options.Sizes.Order())
            {
                var large = rows >= options.OneRunFrom;
                var cell = await MeasureAsync(engine, scenario, rows,
                    large ? options with { Runs = 1, Concurrencies = concurrencies } : options);
                concurrencies = [cell.Concurrency];
                cells.Add(cell);
                Say($"  {scenario.Title}, {rows:N0} rows: naive {Rate(cell.Naive)}, ceiling {Rate(cell.Ceiling)}, engine {Rate(cell.Engine)}" +
                    (cell.EngineMemberLists is { } lists ? $", engine with member lists {Rate(lists)}" : "") +
                    (large ? " (one run each)" : ""));
            }
        }
        Say("");
        Console.Write(Report.Table(cells));
        Say("");
        Say("Naive loop: one HttpClient, one call per row in turn, each user looked up by address first for membership and attributes; " +
            "† measured over the rows done before it was stopped.");
        Say($"Hand-batched ceiling: calls serialised before the clock, {DirectCalls.InvitationsPerCall} invitations a call, " +
            $"membership {DirectCalls.MembersPerGroupUpdate} users a group update (PUT /admin/api/groups/{{id}}) or one a call (assign-groups), whichever did best; one attribute update a user; " +
            "ids known in advance; c= the concurrency that did best.");
        Say("Engine: UserMgmt.psd1 imported into a hosted PowerShell session in a process of its own; rows shaped as Import-Csv makes them " +
            "piped into the command, default -ThrottleLimit, default provider options (Add-UserGroup one call per user); " +
            "'member lists': Add-UserGroup on a connection opened with -ProviderOption @{ MembershipCall = 'GroupMembers' }; " +
            "Set-UserAttribute reads each user before writing (the whole attribute map goes back).");
        // After the table, so a streaming run that runs out of memory still leaves the throughput figures printed.
        if (options.StreamRows > 0)
        {
            Say($"Streaming {options.StreamRows:N0} rows through Invite-User -WhatIf ...");
            await using var sandbox = await RunSandbox.StartAsync(new Scenario(Change.Invite, 0), 0);
            engine.Connect(sandbox.BaseUri, null);
            var stream = engine.Stream(options.StreamRows);
            Say($"Streaming: {stream.Rows:N0} rows made one at a time as the pipeline asks, piped into Invite-User -WhatIf (new addresses, demo directory), " +
                $"results counted and dropped: {stream.Results:N0} results in {stream.Elapsed.TotalSeconds:N1} s; " +
                $"first result {stream.FirstResult.TotalSeconds:N2} s after the first row; " +
                $"peak growth over the session before: working set {Report.Megabytes(stream.WorkingSetGrowth)}, managed heap {Report.Megabytes(stream.ManagedGrowth)}.");
        }
        Say($"Whole run: {total.Elapsed.TotalMinutes:N1} min.");
        return 0;
    }

    private static async Task<Cell> MeasureAsync(EngineProcess engine, Scenario scenario, int rows, ThroughputOptions options)
    {
        // Naive loop.
        var naive = new List<double>();
        var stopped = false;
        for (var run = 0; run < options.Runs; run++)
        {
            await using var sandbox = await RunSandbox.StartAsync(scenario, rows);
            var (done, elapsed) = await DirectCalls.NaiveAsync(sandbox.BaseUri, scenario.Change, rows, options.NaiveLimit);
            Check(sandbox, scenario, done, "naive loop");
            stopped |= done < rows;
            naive.Add(done / elapsed.TotalSeconds);
        }

        // Hand-batched ceiling: one run at each concurrency (and call shape), then the other runs at the best.
        var shapes = DirectCalls.Shapes(scenario.Change, rows);
        async Task<double> CeilingRunAsync(int shape, int concurrency)
        {
            await using var sandbox = await RunSandbox.StartAsync(scenario, rows);
            var elapsed = await DirectCalls.HandBatchedAsync(sandbox.BaseUri, shapes[shape].Calls, concurrency);
            Check(sandbox, scenario, rows, "ceiling");
            return rows / elapsed.TotalSeconds;
        }
        var tried = new Dictionary<(int Shape, int Concurrency), double>();
        for (var shape = 0; shape < shapes.Count; shape++)
            foreach (var concurrency in options.Concurrencies) tried[(shape, concurrency)] = await CeilingRunAsync(shape, concurrency);
        var best = tried.MaxBy(t => t.Value).Key;
        var ceiling = new List<double> { tried[best] };
        for (var run = 1; run < options.Runs; run++) ceiling.Add(await CeilingRunAsync(best.Shape, best.Concurrency));
        var ceilingNote = shapes[best.Shape].Shape is { Length: > 0 } name ? $"(c={best.Concurrency}, {name})" : $"(c={best.Concurrency})";

        // The module as a user gets it: Acceldata's default membership call, one per user; and, for membership, with
        // the group update that takes member lists switched on (MembershipCall = GroupMembers).
        var asGiven = await EngineRateAsync(engine, scenario, rows, options.Runs, membershipCall: null);
        var memberLists = scenario.Change == Change.Membership
            ? await EngineRateAsync(engine, scenario, rows, options.Runs, membershipCall: "GroupMembers")
            : null;

        return new Cell(scenario, rows, best.Concurrency,
            Throughput.Rate.MedianOf(naive, stopped ? "†" : ""),
            Throughput.Rate.MedianOf(ceiling, ceilingNote),
            asGiven, memberLists);
    }

    private static async Task<Rate> EngineRateAsync(EngineProcess engine, Scenario scenario, int rows, int runs, string? membershipCall)
    {
        var rates = new List<double>();
        string? problem = null;
        for (var run = 0; run < runs; run++)
        {
            await using var sandbox = await RunSandbox.StartAsync(scenario, rows);
            engine.Connect(sandbox.BaseUri, membershipCall);
            var (elapsed, results, succeeded, firstProblem) = engine.Run(scenario.Change, rows);
            if (results != rows || succeeded != rows)
                problem ??= $"{succeeded:N0} of {rows:N0} rows succeeded ({results:N0} results): {firstProblem}";
            Check(sandbox, scenario, succeeded, "engine");
            rates.Add(rows / elapsed.TotalSeconds);
        }
        if (problem is not null) Say($"  ! engine{(membershipCall is null ? "" : ", " + membershipCall)}, {scenario.Title}, {rows:N0} rows: {problem}");
        return Throughput.Rate.MedianOf(rates, problem is null ? "" : "!");
    }

    /// <summary>The sandbox's file must show the rows the approach says it did; a figure for work not done would be a lie.</summary>
    private static void Check(RunSandbox sandbox, Scenario scenario, int rows, string approach)
    {
        var done = sandbox.RowsDone(scenario.Change);
        if (done != rows) Say($"  ! {approach}, {scenario.Title}: {rows:N0} rows reported, {done:N0} changed in the sandbox.");
    }

    private static string Rate(Rate rate) => rate.RowsPerSecond.ToString("N0", Culture) + " rows/s" + (rate.Note.Length > 0 ? " " + rate.Note : "");

    private static void Say(string line) => Console.WriteLine(line);
}
