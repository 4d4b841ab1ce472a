using System.Collections.Concurrent;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>Reports each step exactly once, whichever thread or path gets there first.</summary>
internal sealed class ResultLedger(Action<OperationResult> report)
{
    private readonly ConcurrentDictionary<PlannedStep, bool> _reported = new();

    public void Report(PlannedStep step, OperationStatus status, string message, RequestMetrics? metrics, TimeSpan duration)
    {
        if (_reported.TryAdd(step, true))
            report(step.ToResult(status, message, metrics?.LastStatus, metrics?.Attempts ?? 0, duration));
    }

    public void Succeeded(PlannedStep step, RequestMetrics metrics, TimeSpan duration, string? message = null) =>
        Report(step, OperationStatus.Succeeded, message ?? step.DoneMessage, metrics, duration);

    public void Failed(PlannedStep step, ApiException error, RequestMetrics metrics, TimeSpan duration) =>
        Report(step, OperationStatus.Failed, error.ServerMessage, metrics, duration);

    /// <summary>Steps that were never finished: failed, with a message that says why, so they can be sent again.</summary>
    public void NotDone(IEnumerable<PlannedStep> steps, string reason, RequestMetrics? metrics = null)
    {
        foreach (var step in steps) Report(step, OperationStatus.Failed, $"Not done: {reason}.", metrics, TimeSpan.Zero);
    }
}
