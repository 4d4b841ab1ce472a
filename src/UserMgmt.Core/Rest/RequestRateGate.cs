namespace UserMgmt.Rest;

/// <summary>
/// Keeps to a platform's published rate: at most N requests in any window of one second, as the
/// platform counts them on arrival. A request holds one of N slots from before it is sent until
/// <see cref="Hold"/> after its answer came back; the platform saw it arrive before that answer, so
/// two requests sharing a slot always arrive more than a second apart, whatever the network does.
/// </summary>
internal sealed class RequestRateGate(int requestsPerSecond, TimeProvider? clock = null)
{
    /// <summary>
    /// The platform's window plus a margin. Our timer and the platform's clock tick differently: timers
    /// may fire up to one tick early (15.6 ms on Windows) and arrival times are rounded to the
    /// millisecond, so without a margin two requests of one slot can be counted 999 ms apart.
    /// 50 ms covers three coarse ticks and costs 5 % of the rate.
    /// </summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _slots = new(requestsPerSecond, requestsPerSecond);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Waits for a slot; dispose the lease once the answer is in.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Lease(this);
    }

    private void ReleaseLater() =>
        _ = Task.Delay(Hold, _clock).ContinueWith(_ => _slots.Release(), TaskScheduler.Default);

    private sealed class Lease(RequestRateGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.ReleaseLater();
        }
    }
}
