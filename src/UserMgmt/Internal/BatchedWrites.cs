using System.Collections.Concurrent;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Carries items from the engine's threads to the pipeline thread in batches: one queued write takes every item that
/// arrived before it ran, instead of one post per item.
/// </summary>
internal sealed class BatchedWrites<T>(PipelineDispatcher dispatcher, Action<T> write)
{
    private readonly ConcurrentQueue<T> _items = new();
    private int _drainPosted;

    /// <summary>Called from any thread.</summary>
    public void Add(T item)
    {
        _items.Enqueue(item);
        if (Interlocked.Exchange(ref _drainPosted, 1) == 0) dispatcher.Post(Drain);
    }

    private void Drain()
    {
        // Cleared before taking: an item added while this runs either is taken here or posts a drain of its own.
        Volatile.Write(ref _drainPosted, 0);
        while (_items.TryDequeue(out var item)) write(item);
    }
}
