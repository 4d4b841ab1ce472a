using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace UserMgmt.Sandbox.Store;

/// <summary>
/// Every API call the sandbox answered, so tests can count what a command really sent. A call is queued as it is
/// answered and written by one writer, many calls a transaction, so no call waits for the file; every read of the
/// log (and every clearing of it) first waits until all calls queued before it are written, so it counts exactly
/// the calls answered before it was asked.
/// </summary>
public sealed class RequestLog : IAsyncDisposable
{
    private const int CallsPerWrite = 1000;

    private readonly SandboxDatabase _database;
    private readonly ILogger<RequestLog> _logger;
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public RequestLog(SandboxDatabase database, ILogger<RequestLog> logger)
    {
        _database = database;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    public sealed record EndpointCount(string Method, string Endpoint, int Status, int Count);

    private abstract record Queued;
    private sealed record Call(string Method, string Path, string Endpoint, int Status, long At) : Queued;
    /// <summary>Done once every call queued before it is written (and, to clear, deleted).</summary>
    private sealed record Barrier(bool Clear) : Queued
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Records a call; <paramref name="arrivedAt"/> (epoch ms) is when it reached the sandbox, as rate limits count.</summary>
    public void Record(string method, string path, string endpoint, int status, long arrivedAt)
    {
        if (!_queue.Writer.TryWrite(new Call(method, path, endpoint, status, arrivedAt)))
            _logger.LogWarning("{Method} {Path} answered after the request log closed; it is not counted", method, path);
    }

    /// <summary>Returns once every call recorded before it is in the file, for those who read the table itself.</summary>
    public Task FlushAsync() => PassAsync(new Barrier(Clear: false));

    public async Task<List<EndpointCount>> CountsAsync()
    {
        await FlushAsync();
        return await _database.ReadAsync(c => c.Query(
            "SELECT method, endpoint, status, COUNT(*) FROM request_log GROUP BY method, endpoint, status ORDER BY method, endpoint, status",
            r => new EndpointCount(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3))));
    }

    /// <summary>Forgets every call recorded before it; calls recorded after it are kept.</summary>
    public Task ClearAsync() => PassAsync(new Barrier(Clear: true));

    private Task PassAsync(Barrier barrier) =>
        _queue.Writer.TryWrite(barrier) ? barrier.Done.Task : throw new ObjectDisposedException(nameof(RequestLog));

    private async Task WriteAsync()
    {
        var calls = new List<Call>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            // All that is queued, a write at a time; a barrier writes what came before it first.
            while (_queue.Reader.TryRead(out var queued))
            {
                if (queued is Call call)
                {
                    calls.Add(call);
                    if (calls.Count == CallsPerWrite) await WriteCallsAsync(calls, clear: false, null);
                }
                else if (queued is Barrier barrier)
                {
                    await WriteCallsAsync(calls, barrier.Clear, barrier.Done);
                }
            }
            await WriteCallsAsync(calls, clear: false, null);
        }
    }

    // A failure is the barrier's to report; calls written by no barrier are logged as lost, and the writer goes on.
    private async Task WriteCallsAsync(List<Call> calls, bool clear, TaskCompletionSource? done)
    {
        if (calls.Count == 0 && !clear)
        {
            done?.TrySetResult();
            return;
        }
        try
        {
            await _database.RunAsync(c =>
            {
                // A clear forgets every call before it, written or not.
                if (clear)
                {
                    c.Execute("DELETE FROM request_log");
                    return;
                }
                using var insert = c.CreateCommand();
                insert.CommandText = "INSERT INTO request_log (method, path, endpoint, status, at) VALUES (@m, @p, @e, @s, @at)";
                var (method, path, endpoint, status, at) = (insert.Parameters.Add("@m", SqliteType.Text), insert.Parameters.Add("@p", SqliteType.Text),
                    insert.Parameters.Add("@e", SqliteType.Text), insert.Parameters.Add("@s", SqliteType.Integer), insert.Parameters.Add("@at", SqliteType.Integer));
                foreach (var call in calls)
                {
                    (method.Value, path.Value, endpoint.Value, status.Value, at.Value) = (call.Method, call.Path, call.Endpoint, call.Status, call.At);
                    insert.ExecuteNonQuery();
                }
            });
            done?.TrySetResult();
        }
        catch (Exception e)
        {
            if (done is null) _logger.LogError(e, "{Count} calls could not be written to the request log", calls.Count);
            else done.TrySetException(e);
        }
        finally
        {
            calls.Clear();
        }
    }

    /// <summary>Writes every call still queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
