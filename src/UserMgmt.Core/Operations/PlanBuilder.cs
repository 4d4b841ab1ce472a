namespace UserMgmt.Operations;

/// <summary>Collects, row by row, either a settled result or a step.</summary>
internal sealed class PlanBuilder
{
    private readonly List<OperationResult> _settled = [];
    private readonly List<PlannedStep> _steps = [];

    public void Fail(RowRequest row, string target, string operation, string message) =>
        _settled.Add(Settle(row, target, operation, OperationStatus.Failed, message));

    public void Skip(RowRequest row, string target, string operation, string message) =>
        _settled.Add(Settle(row, target, operation, OperationStatus.Skipped, message));

    public void Add(PlannedStep step) => _steps.Add(step);

    public CommandPlan Build() => new(_settled, _steps);

    private static OperationResult Settle(RowRequest row, string target, string operation, OperationStatus status, string message) => new()
    {
        Row = row.Row,
        InputObject = row.InputObject,
        Target = target,
        Operation = operation,
        Status = status,
        Message = message,
    };
}
