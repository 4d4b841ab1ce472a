namespace UserMgmt.Operations;

/// <summary>Collects, row by row, either a settled result or a step.</summary>
internal sealed class PlanBuilder
{
    private readonly List<OperationResult> _settled = [];
    private readonly List<PlannedStep> _steps = [];

    public void Fail(RowRequest row, string target, string operation, string message) =>
        _settled.Add(row.Settled(operation, OperationStatus.Failed, message, target));

    public void Skip(RowRequest row, string target, string operation, string message) =>
        _settled.Add(row.Settled(operation, OperationStatus.Skipped, message, target));

    public void Add(PlannedStep step) => _steps.Add(step);

    public CommandPlan Build() => new(_settled, _steps);
}
