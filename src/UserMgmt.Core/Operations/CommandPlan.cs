namespace UserMgmt.Operations;

/// <summary>
/// The outcome of planning a command's rows: rows already settled (nothing to do, or bad input)
/// and the steps still to apply. Every input row is in exactly one of the two lists.
/// </summary>
public sealed class CommandPlan(IReadOnlyList<OperationResult> settled, IReadOnlyList<PlannedStep> steps)
{
    public IReadOnlyList<OperationResult> Settled { get; } = settled;
    public IReadOnlyList<PlannedStep> Steps { get; } = steps;
}
