using System.Management.Automation;
using UserMgmt.Connections;
using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// The shape of every state-changing cmdlet. Rows are collected as they arrive; at the end the engine
/// plans them against the live platform (reads only), ShouldProcess is asked for each planned change
/// on the pipeline thread, and the engine applies the approved ones. Each input row produces exactly
/// one result; a failed row is also a non-terminating error whose TargetObject is the row itself.
/// </summary>
public abstract class BulkCmdlet<TRequest> : UserMgmtCmdlet where TRequest : RowRequest
{
    private readonly List<TRequest> _requests = [];
    private readonly Dictionary<OperationStatus, int> _tally = [];

    /// <summary>The pipeline object as received, kept so results and errors can return it unchanged.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Changes in flight at once (invitations count one per batch).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ExecutionOptions.DefaultThrottleLimit;

    /// <summary>Seconds the whole command may take; rows not done by then are reported as not done.</summary>
    [Parameter]
    [ValidateRange(1, MaxDeadlineSec)]
    public int DeadlineSec { get; set; }

    // 30 days: the deadline becomes a cancellation timer, and timers take at most about 49 days.
    private const int MaxDeadlineSec = 30 * 24 * 60 * 60;

    private ProgressReporter? _progress;

    /// <summary>The operation name results of this command carry.</summary>
    protected abstract string Operation { get; }

    /// <summary>Turns the parameters bound for this pipeline object (or the command line) into rows.</summary>
    protected abstract IEnumerable<TRequest> CreateRequests();

    internal abstract Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<TRequest> requests, CancellationToken cancellationToken);

    protected override void ProcessRecord() => _requests.AddRange(CreateRequests());

    /// <summary>The next row number and the object to carry as the row: the pipeline object, or the bound values when there is none.</summary>
    protected (int Row, object Input) NextRow(IDictionary<string, object?> boundValues) =>
        (++_rowCount, InputObject ?? RowFromValues(boundValues));

    private int _rowCount;

    protected override void EndProcessing()
    {
        if (_requests.Count == 0) return;
        var connection = ResolveConnection();
        DateTimeOffset? deadline = Bound(nameof(DeadlineSec)) ? DateTimeOffset.Now.AddSeconds(DeadlineSec) : null;
        _progress = new ProgressReporter(this, MyInvocation.MyCommand.Name, _requests.Count);

        try
        {
            PlanAndApply(connection, deadline);
        }
        catch (PipelineStoppedException)
        {
            KeepRowsNotReported();
            throw;
        }
        _progress.Complete();
        WriteVerbose($"{_requests.Count} row(s): " + string.Join(", ", _tally.OrderBy(t => t.Key).Select(t => $"{t.Value} {t.Key.ToString().ToLowerInvariant()}")));
    }

    private void PlanAndApply(UserMgmtConnection connection, DateTimeOffset? deadline)
    {
        if (Plan(connection, deadline) is not { } plan) return;
        foreach (var settled in plan.Settled) WriteResult(settled);
        var approved = plan.Steps.Where(Approve).ToList();
        if (approved.Count == 0) return;
        var options = new ExecutionOptions { ThrottleLimit = ThrottleLimit, Deadline = deadline };
        var executor = new PlanExecutor(connection.Client, result => Dispatcher.Post(() => WriteResult(result)), options);
        RunEngine(ct => executor.ApplyAsync(approved, ct));
    }

    /// <summary>
    /// A stopped command may write nothing more, so the rows that got no result are kept, as they came
    /// in, in $UserMgmtNotDone: piping them into the same command finishes the run (rows already done
    /// are skipped there, since every change is stated as desired state).
    /// </summary>
    private void KeepRowsNotReported()
    {
        var notReported = _requests.Where(r => !_reportedRows.Contains(r.Row)).Select(r => r.InputObject).Distinct().ToArray();
        SessionState.PSVariable.Set("global:" + NotDoneVariable, notReported);
    }

    public const string NotDoneVariable = "UserMgmtNotDone";

    /// <summary>The plan, or null when the deadline passed first (every row is then reported as not done).</summary>
    private CommandPlan? Plan(UserMgmtConnection connection, DateTimeOffset? deadline)
    {
        using var timer = new CancellationTokenSource();
        if (deadline is { } at) timer.CancelAfter(Max(at - DateTimeOffset.Now, TimeSpan.Zero));
        try
        {
            var planner = new CommandPlanner(connection.Client);
            // Nothing was sent while planning, so when it fails every row is simply not done.
            return RunEngine(ct => PlanAsync(planner, _requests, ct), timer.Token,
                beforeStopping: e => _requests.ForEach(r => WriteResult(r.NotDone(Operation, e.Message))));
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !StopToken.IsCancellationRequested)
        {
            foreach (var request in _requests) WriteResult(request.NotDone(Operation, "the deadline passed before the changes were planned"));
            return null;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Whether this change asks as a High impact one, though the command's own impact is lower.</summary>
    protected virtual bool IsHighImpact(PlannedStep step) => false;

    private bool _yesToAll, _noToAll;

    private bool Approve(PlannedStep step)
    {
        if (!ShouldProcess(step.Description, $"{step.Description}?", step.Operation, out var reason))
        {
            WriteResult(reason == ShouldProcessReason.WhatIf
                ? step.ToResult(OperationStatus.WhatIf, step.Description)
                : step.ToResult(OperationStatus.Skipped, "Declined at the confirmation prompt."));
            return false;
        }
        if (!IsHighImpact(step) || !AskedAtHighImpactOnly()
            || ShouldContinue($"{step.Description}?\nThis takes away everything of its kind. Continue?", step.Operation, ref _yesToAll, ref _noToAll))
            return true;
        WriteResult(step.ToResult(OperationStatus.Skipped, "Declined at the confirmation prompt."));
        return false;
    }

    /// <summary>
    /// Whether a High impact change still needs its question: ShouldProcess asked already when -Confirm
    /// was given or $ConfirmPreference is at or below this command's impact; -Confirm:$false and
    /// $ConfirmPreference = 'None' mean never ask.
    /// </summary>
    private bool AskedAtHighImpactOnly()
    {
        if (MyInvocation.BoundParameters.ContainsKey("Confirm")) return false;
        var preference = LanguagePrimitives.ConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference", ConfirmImpact.High));
        var own = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))!).ConfirmImpact;
        return preference != ConfirmImpact.None && preference > own && preference <= ConfirmImpact.High;
    }

    private void WriteResult(OperationResult result)
    {
        _tally[result.Status] = _tally.GetValueOrDefault(result.Status) + 1;
        _progress?.RowSettled();
        RowResults.Write(this, result);
        _reportedRows.Add(result.Row);
    }

    private readonly HashSet<int> _reportedRows = [];

    private static PSObject RowFromValues(IDictionary<string, object?> values)
    {
        var row = new PSObject();
        foreach (var (name, value) in values) row.Properties.Add(new PSNoteProperty(name, value));
        return row;
    }
}
