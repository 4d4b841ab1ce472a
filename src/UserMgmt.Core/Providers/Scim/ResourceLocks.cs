using System.Collections.Concurrent;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// One read-and-replace at a time per resource: two rows changing one group's member list at once would each put
/// back what they read, and the later would drop the earlier's members. Writers elsewhere are ETags' business.
/// </summary>
internal sealed class ResourceLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string resource, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(resource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
