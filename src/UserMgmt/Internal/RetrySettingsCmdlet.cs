using System.Management.Automation;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// The retry and timeout parameters, shared by Connect-UserMgmt (for the connection) and every
/// command that calls the platform (for that command). Only the values actually given count.
/// </summary>
public abstract class RetrySettingsCmdlet : PSCmdlet
{
    /// <summary>Retries of a failed call.</summary>
    [Parameter]
    [Alias("MaximumRetryCount")] // Invoke-RestMethod's name for the same thing
    [ValidateRange(0, 100)]
    public int MaxRetry { get; set; }

    /// <summary>
    /// Seconds before the first retry, doubling (with jitter) after that. A server's Retry-After wins,
    /// up to two minutes or this delay if longer; asked to wait longer, the call fails instead.
    /// </summary>
    [Parameter]
    [Alias("RetryIntervalSec")] // Invoke-RestMethod's name for the same thing
    [ValidateRange(0.0, 3600.0)]
    public double RetryDelay { get; set; }

    /// <summary>Seconds one call may take.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; }

    /// <summary><paramref name="basis"/> with the values given to this command, and only those.</summary>
    protected RetryPolicy WithBoundRetrySettings(RetryPolicy basis) => basis.With(
        Bound(nameof(MaxRetry)) ? MaxRetry : null,
        Bound(nameof(RetryDelay)) ? TimeSpan.FromSeconds(RetryDelay) : null,
        Bound(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : null);

    protected bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
