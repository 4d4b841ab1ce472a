namespace UserMgmt.Rest;

/// <summary>
/// Keeps to a platform's published rate: at most N requests start in any window of one second.
/// Platforms count the window exactly, so this keeps the start times of the last N requests and
/// waits until the oldest has left the window (a small margin covers the trip to the server).
/// </summary>
internal sealed class RequestRateGate(int requestsPerSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1050);

    private readonly Queue<long> _starts = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_starts.Count == requestsPerSecond)
            {
                var wait = Window - TimeSpan.FromMilliseconds(Environment.TickCount64 - _starts.Dequeue());
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            }
            _starts.Enqueue(Environment.TickCount64);
        }
        finally
        {
            _gate.Release();
        }
    }
}
