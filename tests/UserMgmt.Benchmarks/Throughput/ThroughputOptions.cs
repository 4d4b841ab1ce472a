using System.Globalization;

namespace UserMgmt.Benchmarks.Throughput;

/// <summary>The throughput mode's command line.</summary>
public sealed record ThroughputOptions
{
    public const string Usage =
        "throughput [--quick] [--sizes 1000,10000,100000] [--runs 3] [--naive-seconds 10] [--stream-rows 1000000] [--no-stream]";

    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000, 100_000];
    /// <summary>Runs per cell; the median is reported.</summary>
    public int Runs { get; init; } = 3;
    /// <summary>
    /// From this many rows on, one run per approach, the ceiling at the concurrency that did best at the size
    /// below: a cell of 100,000 rows takes minutes, and its runs differ less than small ones.
    /// </summary>
    public int OneRunFrom { get; init; } = 100_000;
    /// <summary>
    /// The naive loop stops after this long: its rate is steady (one call, or two, at a time), and a
    /// sequential loop over 100,000 rows would take most of an hour.
    /// </summary>
    public TimeSpan NaiveLimit { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Rows streamed through -WhatIf for the memory and first-result figures; 0 leaves them out.</summary>
    public int StreamRows { get; init; } = 1_000_000;
    public IReadOnlyList<int> Concurrencies { get; init; } = [4, 8, 16];

    public static ThroughputOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ThroughputOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value. Usage: {Usage}");
            options = option switch
            {
                "--quick" => options with { Sizes = [1_000, 10_000] },
                "--sizes" => options with { Sizes = Next().Split(',').Select(s => Number(option, s)).ToList() },
                "--runs" => options with { Runs = Number(option, Next()) },
                "--naive-seconds" => options with { NaiveLimit = TimeSpan.FromSeconds(Number(option, Next())) },
                "--stream-rows" => options with { StreamRows = Number(option, Next()) },
                "--no-stream" => options with { StreamRows = 0 },
                _ => throw new ArgumentException($"Unknown option '{option}'. Usage: {Usage}"),
            };
        }
        return options;
    }

    private static int Number(string option, string text) =>
        int.TryParse(text.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option}: '{text}' is not a positive whole number.");
}
