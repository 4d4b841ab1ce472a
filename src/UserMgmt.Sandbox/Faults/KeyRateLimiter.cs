using System.Diagnostics;

namespace UserMgmt.Sandbox.Faults;

/// <summary>
/// Allows each key at most N calls in any sliding one-second window, as a platform's rate limit does.
/// Keys with no call in the last window are forgotten, so memory stays bounded however many keys are tried.
/// </summary>
/// <remarks>
/// Hand-written rather than System.Threading.RateLimiting's partitioned limiter: that one refills on a
/// timer and drops idle keys after ten seconds of wall-clock time, while this emulates the platform's
/// exact "N in any second" and takes a clock that tests can move. The clock is the precise one a
/// platform counts arrivals with, not the coarse tick timers run on, so a client that paces itself
/// without a margin is caught a few milliseconds early, as the real platform would catch it.
/// </remarks>
internal sealed class KeyRateLimiter(Func<long> millisecondsNow)
{
    private const long Window = 1000;

    private readonly Dictionary<string, Queue<long>> _calls = [];
    private readonly Lock _gate = new();
    private long _nextSweep;

    public KeyRateLimiter() : this(() => (long)Stopwatch.GetElapsedTime(0).TotalMilliseconds) { }

    /// <summary>How many keys it currently remembers.</summary>
    public int TrackedKeys
    {
        get { lock (_gate) return _calls.Count; }
    }

    public bool TryAcquire(string key, int perSecond)
    {
        var now = millisecondsNow();
        lock (_gate)
        {
            if (now >= _nextSweep)
            {
                ForgetQuietKeys(now);
                _nextSweep = now + Window;
            }
            if (!_calls.TryGetValue(key, out var recent)) _calls[key] = recent = new Queue<long>();
            Expire(recent, now);
            if (recent.Count >= perSecond) return false;
            recent.Enqueue(now);
            return true;
        }
    }

    // Once a window at most, so the sweep costs little per call.
    private void ForgetQuietKeys(long now)
    {
        foreach (var (key, recent) in _calls)
        {
            Expire(recent, now);
            if (recent.Count == 0) _calls.Remove(key);
        }
    }

    private void Expire(Queue<long> recent, long now)
    {
        while (recent.Count > 0 && now - recent.Peek() >= Window) recent.Dequeue();
    }
}
