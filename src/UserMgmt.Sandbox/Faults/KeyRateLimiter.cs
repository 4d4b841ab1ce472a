namespace UserMgmt.Sandbox.Faults;

/// <summary>Allows each key at most N calls in any sliding one-second window, as a platform's rate limit does.</summary>
internal sealed class KeyRateLimiter
{
    private readonly Dictionary<string, Queue<long>> _calls = [];
    private readonly Lock _gate = new();

    public bool TryAcquire(string key, int perSecond)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (!_calls.TryGetValue(key, out var recent)) _calls[key] = recent = new Queue<long>();
            while (recent.Count > 0 && now - recent.Peek() >= 1000) recent.Dequeue();
            if (recent.Count >= perSecond) return false;
            recent.Enqueue(now);
            return true;
        }
    }
}
