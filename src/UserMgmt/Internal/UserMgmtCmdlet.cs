using System.Management.Automation;
using UserMgmt.Connections;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// What every UserMgmt cmdlet shares: the -Connection parameter, Ctrl+C that cancels the work in
/// flight, and errors that stop everything turned into terminating errors.
/// </summary>
public abstract class UserMgmtCmdlet : RetrySettingsCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineDispatcher? _dispatcher;

    /// <summary>The connection to use; the one Connect-UserMgmt made last when omitted.</summary>
    [Parameter]
    public UserMgmtConnection? Connection { get; set; }

    internal PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher(this);

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    // The session's connection, read on the pipeline thread: engine work runs on other threads, where no runspace is current.
    private UserMgmtConnection? _sessionConnection;

    protected override void BeginProcessing() => _sessionConnection = CurrentConnection.Value;

    internal UserMgmtConnection Connected() => ResolveConnection();

    protected UserMgmtConnection ResolveConnection()
    {
        if ((Connection ?? _sessionConnection) is { } connection) return connection;
        ThrowTerminatingError(new ErrorRecord(
            new InvalidOperationException("Not connected. Run Connect-UserMgmt first, or pass a connection with -Connection."),
            "UserMgmt.NotConnected", ErrorCategory.ConnectionError, null));
        throw new InvalidOperationException(); // not reached: ThrowTerminatingError always throws
    }

    /// <summary>
    /// Runs engine work, writing its output on this thread; stops the command on fatal errors, after
    /// <paramref name="beforeStopping"/> has had the chance to settle what is left.
    /// The work is cancelled by Ctrl+C, and by <paramref name="alsoCancelledBy"/> when given.
    /// </summary>
    internal T RunEngine<T>(Func<CancellationToken, Task<T>> work, CancellationToken alsoCancelledBy = default, Action<Exception>? beforeStopping = null) =>
        AwaitEngine(StartEngine(work, alsoCancelledBy), beforeStopping);

    /// <summary>Starts engine work, cancelled by Ctrl+C; its output is written whenever this thread drains or awaits it.</summary>
    internal Task<T> StartEngine<T>(Func<CancellationToken, Task<T>> work, CancellationToken alsoCancelledBy = default)
    {
        // Before starting: not being connected is its own error, not an engine failure.
        var retry = WithBoundRetrySettings(ResolveConnection().Retry);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(StopToken, alsoCancelledBy);
        var task = Dispatcher.Start(work, cancel.Token, retry);
        task.ContinueWith(_ => cancel.Dispose(), TaskScheduler.Default);
        return task;
    }

    /// <summary>Writes the started work's output until it ends; stops the command as <see cref="RunEngine{T}"/> does.</summary>
    internal T AwaitEngine<T>(Task<T> task, Action<Exception>? beforeStopping = null)
    {
        try
        {
            return Dispatcher.Await(task);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is not (OperationCanceledException or PipelineStoppedException))
        {
            beforeStopping?.Invoke(e);
            ThrowTerminatingError(StoppingError(e));
            throw;
        }
    }

    /// <summary>The terminating error for what stopped the command.</summary>
    private protected ErrorRecord StoppingError(Exception e)
    {
        var connection = Connection ?? _sessionConnection;
        return e switch
        {
            AuthenticationFailedException => new ErrorRecord(e, "UserMgmt.AuthenticationFailed", ErrorCategory.AuthenticationError, connection),
            ServiceUnreachableException => new ErrorRecord(e, "UserMgmt.ServiceUnreachable", ErrorCategory.ConnectionError, connection),
            // A read the whole command depends on failed (e.g. listing groups): nothing can be planned.
            ApiException api => new ErrorRecord(e, "UserMgmt.ApiError", ErrorCategories.FromHttpStatus((int?)api.StatusCode), connection),
            _ => new ErrorRecord(e, "UserMgmt.UnexpectedError", ErrorCategory.InvalidResult, connection),
        };
    }

    internal void RunEngine(Func<CancellationToken, Task> work) => RunEngine(async ct => { await work(ct); return true; });
}
