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

    internal UserMgmtConnection Connected() => ResolveConnection();

    protected UserMgmtConnection ResolveConnection() =>
        Connection ?? CurrentConnection.Value ?? throw new PSInvalidOperationException(
            "Not connected. Run Connect-UserMgmt first, or pass a connection with -Connection.");

    /// <summary>
    /// Runs engine work, writing its output on this thread; stops the command on fatal errors.
    /// The work is cancelled by Ctrl+C, and by <paramref name="alsoCancelledBy"/> when given.
    /// </summary>
    internal T RunEngine<T>(Func<CancellationToken, Task<T>> work, CancellationToken alsoCancelledBy = default)
    {
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(StopToken, alsoCancelledBy);
            return Dispatcher.Run(work, cancel.Token, WithBoundRetrySettings(ResolveConnection().Retry));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (AuthenticationFailedException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.AuthenticationFailed", ErrorCategory.AuthenticationError, Connection ?? CurrentConnection.Value));
            throw;
        }
        catch (ServiceUnreachableException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.ServiceUnreachable", ErrorCategory.ConnectionError, Connection ?? CurrentConnection.Value));
            throw;
        }
        catch (ApiException e)
        {
            // A read the whole command depends on failed (e.g. listing groups): nothing can be planned.
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.ApiError", ErrorCategories.FromHttpStatus((int?)e.StatusCode), Connection ?? CurrentConnection.Value));
            throw;
        }
    }

    internal void RunEngine(Func<CancellationToken, Task> work) => RunEngine(async ct => { await work(ct); return true; });
}
