using System.Management.Automation;
using System.Threading.Channels;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Runs engine work off the pipeline thread and carries everything it wants written back to the
/// pipeline thread: PowerShell forbids Write* from any other thread. The pipeline thread drains the
/// queue until the work ends, so output streams as it is produced.
/// </summary>
internal sealed class PipelineDispatcher(Cmdlet cmdlet) : IActivityLog
{
    private Channel<Action>? _pending;

    public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, RetryPolicy? retry = null)
    {
        var pending = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
        _pending = pending;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<T> task;
        using (CommandScope.Begin(this, retry))
            task = Task.Run(() => work(abandon.Token), abandon.Token);
        task.ContinueWith(_ => pending.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            while (pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (pending.Reader.TryRead(out var write))
                    write();
        }
        catch
        {
            // A write stopped the pipeline (e.g. -ErrorAction Stop): the work must not go on unseen.
            abandon.Cancel();
            throw;
        }
        finally
        {
            _pending = null;
        }
        return task.GetAwaiter().GetResult();
    }

    public void Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        Run(async ct => { await work(ct); return true; }, cancellationToken);

    /// <summary>Queues an action for the pipeline thread; called from any thread.</summary>
    public void Post(Action write) => _pending?.Writer.TryWrite(write);

    public void Verbose(string message) => Post(() => cmdlet.WriteVerbose(message));
    public void Debug(string message) => Post(() => cmdlet.WriteDebug(message));
    public void Warning(string message) => Post(() => cmdlet.WriteWarning(message));
}
