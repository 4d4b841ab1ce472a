using System.Management.Automation;
using UserMgmt.Connections;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// What every UserMgmt cmdlet shares: the -Connection parameter, Ctrl+C that cancels the work in
/// flight, and errors that stop everything turned into terminating errors.
/// </summary>
public abstract class UserMgmtCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineDispatcher? _dispatcher;

    /// <summary>The connection to use; the one Connect-UserMgmt made last when omitted.</summary>
    [Parameter]
    public UserMgmtConnection? Connection { get; set; }

    /// <summary>Retries of a failed call for this command; the connection's setting when omitted.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxRetry { get; set; }

    /// <summary>Seconds before the first retry, doubling (with jitter) after that; a server's Retry-After wins.</summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double RetryDelay { get; set; }

    /// <summary>Seconds one call may take.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; }

    internal PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher(this);

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

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
            return Dispatcher.Run(work, cancel.Token, RetryPolicyFor(ResolveConnection()));
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

    /// <summary>The connection's retry policy with the values given to this command, and only those.</summary>
    private RetryPolicy RetryPolicyFor(UserMgmtConnection connection) => connection.Retry.With(
        Bound(nameof(MaxRetry)) ? MaxRetry : null,
        Bound(nameof(RetryDelay)) ? TimeSpan.FromSeconds(RetryDelay) : null,
        Bound(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : null);

    protected bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
