using System.Management.Automation;
using System.Threading.Channels;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Runs engine work off the pipeline thread and carries everything it wants written back to the
/// pipeline thread: PowerShell forbids Write* from any other thread. Work may be awaited at once
/// (<see cref="Run{T}"/>), or started and awaited later (<see cref="Start{T}"/>, <see cref="Await{T}"/>) while the
/// pipeline thread does other things, writing what is queued whenever it comes by (<see cref="Drain"/>); so output
/// streams as it is produced. Verbose and debug lines are built only where the caller's preferences (or -Verbose,
/// -Debug) show them.
/// </summary>
internal sealed class PipelineDispatcher(PSCmdlet cmdlet) : IActivityLog
{
    private readonly Channel<Action> _pending = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    // Cancels every piece of work started here once a write has stopped the pipeline.
    private readonly CancellationTokenSource _abandon = new();

    public bool ShowsVerbose { get; private set; }
    public bool ShowsDebug { get; private set; }

    public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, RetryPolicy? retry = null) =>
        Await(Start(work, cancellationToken, retry));

    public void Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        Run(async ct => { await work(ct); return true; }, cancellationToken);

    /// <summary>Starts work off the pipeline thread; what it writes waits until the pipeline thread drains it.</summary>
    public Task<T> Start<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, RetryPolicy? retry = null)
    {
        // Read here, on the pipeline thread: preference variables cannot be read from the engine's threads.
        ShowsVerbose = Shown("Verbose", "VerbosePreference");
        ShowsDebug = Shown("Debug", "DebugPreference");
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandon.Token);
        Task<T> task;
        using (CommandScope.Begin(this, retry))
            task = Task.Run(() => work(abandon.Token), abandon.Token);
        // Wakes a pipeline thread waiting in Await, however the work ended.
        task.ContinueWith(_ => { abandon.Dispose(); _pending.Writer.TryWrite(static () => { }); }, TaskScheduler.Default);
        return task;
    }

    /// <summary>Writes what the work queues until it ends, then gives its result (or throws what it threw).</summary>
    public T Await<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            _pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
            Drain();
        }
        Drain();
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Writes what is queued now, without waiting for more.</summary>
    public void Drain()
    {
        try
        {
            while (_pending.Reader.TryRead(out var write)) write();
        }
        catch
        {
            // A write stopped the pipeline (e.g. -ErrorAction Stop): the work must not go on unseen.
            _abandon.Cancel();
            throw;
        }
    }

    private bool Shown(string parameter, string preference)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            return LanguagePrimitives.IsTrue(bound);
        var action = LanguagePrimitives.ConvertTo<ActionPreference>(cmdlet.GetVariableValue(preference, ActionPreference.SilentlyContinue));
        return action is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    /// <summary>Queues an action for the pipeline thread; called from any thread.</summary>
    public void Post(Action write) => _pending.Writer.TryWrite(write);

    public void Verbose(string message) => Post(() => cmdlet.WriteVerbose(message));
    public void Debug(string message) => Post(() => cmdlet.WriteDebug(message));
    public void Warning(string message) => Post(() => cmdlet.WriteWarning(message));
}
