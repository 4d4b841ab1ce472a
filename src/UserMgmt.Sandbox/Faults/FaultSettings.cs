using System.Globalization;

namespace UserMgmt.Sandbox.Faults;

/// <summary>
/// How badly the sandbox behaves, to show what clients do when a platform fails part of the time.
/// Rates are fractions of platform calls (0 to 1); they are drawn in order, so they add up.
/// </summary>
public sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    /// <summary>Slow, not stuck: a latency beyond this would hold every call until its client gives up.</summary>
    public const int MaxLatencyMs = 60_000;

    /// <summary>Calls answered 500 or 503 (half each) without being processed.</summary>
    public double ServerErrorRate { get; init; }
    /// <summary>Calls answered 429 with a Retry-After header, without being processed.</summary>
    public double ThrottleRate { get; init; }
    /// <summary>The Retry-After sent with 429 and 503 answers, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>Calls whose connection is reset before they are processed.</summary>
    public double ResetBeforeRate { get; init; }
    /// <summary>Calls processed (and committed) whose connection is then reset, so the client never sees the answer.</summary>
    public double ResetAfterRate { get; init; }
    /// <summary>Added to every call.</summary>
    public int LatencyMs { get; init; }
    /// <summary>Calls allowed per key in any one second; beyond that, 429. Null for no limit.</summary>
    public int? RequestsPerSecondPerKey { get; init; }
    /// <summary>The HTTP methods faults apply to, comma-separated (e.g. "POST,PUT"); null for every method.</summary>
    public string? Methods { get; init; }
    /// <summary>Makes the sequence of faults repeatable.</summary>
    public int? Seed { get; init; }

    /// <summary>Reads "server-errors=0.1,throttle=0.05,reset-before=0.05,reset-after=0.05,latency-ms=20,retry-after=1,rate-limit=10,methods=POST;PUT,seed=7".</summary>
    public static FaultSettings Parse(string text)
    {
        var settings = new FaultSettings();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2) throw new ArgumentException($"Fault '{pair}' must be name=value.");
            var (name, value) = (parts[0], parts[1]);
            settings = name switch
            {
                "server-errors" => settings with { ServerErrorRate = Rate(name, value) },
                "throttle" => settings with { ThrottleRate = Rate(name, value) },
                "reset-before" => settings with { ResetBeforeRate = Rate(name, value) },
                "reset-after" => settings with { ResetAfterRate = Rate(name, value) },
                "latency-ms" => settings with { LatencyMs = Whole(name, value) },
                "retry-after" => settings with { RetryAfterSeconds = Whole(name, value) },
                "rate-limit" => settings with { RequestsPerSecondPerKey = Whole(name, value) },
                "seed" => settings with { Seed = Whole(name, value) },
                "methods" => settings with { Methods = value.Replace(';', ',') },
                _ => throw new ArgumentException(
                    $"Unknown fault '{name}'. Known: server-errors, throttle, reset-before, reset-after, latency-ms, retry-after, rate-limit, methods, seed."),
            };
        }
        return settings.Validated();
    }

    public bool AppliesTo(string method) =>
        Methods is null || Methods.Split(',', StringSplitOptions.TrimEntries).Contains(method, StringComparer.OrdinalIgnoreCase);

    public FaultSettings Validated()
    {
        var total = ServerErrorRate + ThrottleRate + ResetBeforeRate + ResetAfterRate;
        if (new[] { ServerErrorRate, ThrottleRate, ResetBeforeRate, ResetAfterRate }.Any(r => !(r is >= 0 and <= 1)) || total > 1)
            throw new ArgumentException("Fault rates must be between 0 and 1 and add up to at most 1.");
        if (LatencyMs is < 0 or > MaxLatencyMs || RetryAfterSeconds < 0 || RequestsPerSecondPerKey is <= 0)
            throw new ArgumentException($"latency-ms must be from 0 to {MaxLatencyMs}, retry-after must not be negative and rate-limit must be positive.");
        return this;
    }

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate)
            ? rate
            : throw new ArgumentException($"Fault '{name}' needs a number from 0 to 1, not '{value}'.");

    private static int Whole(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"Fault '{name}' needs a whole number, not '{value}'.");
}
