namespace UserMgmt.Rest;

/// <summary>
/// Keeps to a platform's published rate: at most N requests in any window of one second, as the
/// platform counts them on arrival. A request holds one of N slots from before it is sent until a
/// second after its answer came back; the platform saw it arrive before that answer, so two
/// requests sharing a slot always arrive more than a second apart.
/// </summary>
internal sealed class RequestRateGate(int requestsPerSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots = new(requestsPerSecond, requestsPerSecond);

    /// <summary>Waits for a slot; dispose the lease once the answer is in.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Lease(_slots);
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                _ = Task.Delay(Window).ContinueWith(_ => slots.Release(), TaskScheduler.Default);
        }
    }
}
