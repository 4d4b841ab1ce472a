using System.Management.Automation;
using System.Threading.Channels;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Runs engine work off the pipeline thread and carries everything it wants written back to the
/// pipeline thread: PowerShell forbids Write* from any other thread. The pipeline thread drains the
/// queue until the work ends, so output streams as it is produced. Verbose and debug lines are built only
/// where the caller's preferences (or -Verbose, -Debug) show them.
/// </summary>
internal sealed class PipelineDispatcher(PSCmdlet cmdlet) : IActivityLog
{
    private Channel<Action>? _pending;

    public bool ShowsVerbose { get; private set; }
    public bool ShowsDebug { get; private set; }

    public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, RetryPolicy? retry = null)
    {
        // Read here, on the pipeline thread: preference variables cannot be read from the engine's threads.
        ShowsVerbose = Shown("Verbose", "VerbosePreference");
        ShowsDebug = Shown("Debug", "DebugPreference");
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

    private bool Shown(string parameter, string preference)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            return LanguagePrimitives.IsTrue(bound);
        var action = LanguagePrimitives.ConvertTo<ActionPreference>(cmdlet.GetVariableValue(preference, ActionPreference.SilentlyContinue));
        return action is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    /// <summary>Queues an action for the pipeline thread; called from any thread.</summary>
    public void Post(Action write) => _pending?.Writer.TryWrite(write);

    public void Verbose(string message) => Post(() => cmdlet.WriteVerbose(message));
    public void Debug(string message) => Post(() => cmdlet.WriteDebug(message));
    public void Warning(string message) => Post(() => cmdlet.WriteWarning(message));
}
