using System.Diagnostics;
using System.Management.Automation;
using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// The shape of every state-changing cmdlet. Rows are planned and applied in windows while the input is
/// still arriving (<see cref="InputWindows"/>): the engine plans a window against the live platform (reads
/// only), ShouldProcess is asked for each planned change on the pipeline thread, and the engine applies the
/// approved ones in the background while the next window is read, planned and approved; one window is applied
/// at a time, in input order. One planner serves every window, so repeats and the state earlier rows leave are
/// seen across the whole input. Each input row produces exactly one result; a failed row is also a
/// non-terminating error whose TargetObject is the row itself.
/// </summary>
public abstract class BulkCmdlet<TRequest> : UserMgmtCmdlet, IDisposable where TRequest : RowRequest
{
    private List<TRequest> _window = [];
    // The window being applied in the background, and its rows.
    private Task<bool>? _applying;
    private List<TRequest> _applyingRows = [];
    private readonly Stopwatch _windowAge = new();
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
    private UserMgmtConnection? _connection;
    private CommandPlanner? _planner;
    private InputWindows? _windows;
    private DateTimeOffset? _deadline;
    private int _received;


    /// <summary>The operation name results of this command carry.</summary>
    protected abstract string Operation { get; }

    /// <summary>Turns the parameters bound for this pipeline object (or the command line) into rows.</summary>
    protected abstract IEnumerable<TRequest> CreateRequests();

    internal abstract Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<TRequest> requests, CancellationToken cancellationToken);

    /// <summary>Sets what a window's planning needs from the session, on the pipeline thread, before it is planned.</summary>
    internal virtual void BeforePlanning(CommandPlanner planner) { }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // The deadline bounds the whole command, input included, now that rows are applied while it arrives.
        if (Bound(nameof(DeadlineSec))) _deadline = DateTimeOffset.Now.AddSeconds(DeadlineSec);
    }

    protected override void ProcessRecord()
    {
        DrainResults();
        var before = _window.Count;
        _window.AddRange(CreateRequests());
        if (_window.Count == before) return;
        if (before == 0) _windowAge.Restart();
        _received += _window.Count - before;
        Start();
        _progress!.Received(_received);
        if (_windows!.IsFull(_window.Count, _windowAge.Elapsed)) RunWindow();
    }

    /// <summary>The next row number and the object to carry as the row: the pipeline object, or the bound values when there is none.</summary>
    protected (int Row, object Input) NextRow(IDictionary<string, object?> boundValues) =>
        (++_rowCount, InputObject ?? RowFromValues(boundValues));

    private int _rowCount;

    protected override void EndProcessing()
    {
        if (_received == 0) return;
        _progress!.InputEnded();
        if (_window.Count > 0) RunWindow();
        StoppedOnPipeline(FinishApplying);
        _progress.Complete();
        WriteVerbose($"{_received} row(s): " + string.Join(", ", _tally.OrderBy(t => t.Key).Select(t => $"{t.Value} {t.Key.ToString().ToLowerInvariant()}")));
        if (Stopped is { } stopped) ThrowTerminatingError(StoppingError(stopped));
    }

    /// <summary>Connects and sizes the windows at the first row, so a command given no rows needs no connection.</summary>
    private void Start()
    {
        if (_connection is not null) return;
        _connection = ResolveConnection();
        _planner = new CommandPlanner(_connection.Client, _connection.Groups, _connection.CountedUsers) { ReusesKnownGroups = !PreviewsOrAsks() };
        _windows = new InputWindows(_connection.Client.Capabilities, ThrottleLimit);
        _progress = new ProgressReporter(this, MyInvocation.MyCommand.Name);
    }

    private void RunWindow()
    {
        StoppedOnPipeline(() =>
        {
            if (Stopped is { } stopped) NotDone(_window, stopped);
            else PlanAndApply();
        });
        // Rows left to apply are forgotten once applied (FinishApplying); the rest are settled now.
        if (!ReferenceEquals(_window, _applyingRows)) _window.ForEach(r => _reportedRows.Remove(r.Row));
        _window = [];
        _planner!.EndWindow();
        _windows!.Next();
    }

    /// <summary>Plans the window and approves its changes, then applies them once the window before has been applied.</summary>
    private void PlanAndApply()
    {
        if (Plan() is not { } plan) return;
        foreach (var settled in plan.Settled) WriteResult(settled);
        // A loss already known is not asked about; one found while asking leaves the approved changes unsent.
        var approved = Stopped is null ? plan.Steps.Where(Approve).ToList() : [.. plan.Steps];
        FinishApplying();
        if (approved.Count == 0) return;
        if (Stopped is { } stopped)
        {
            foreach (var step in approved) WriteResult(step.ToResult(OperationStatus.Failed, $"Not done: {stopped.Message}."));
            return;
        }
        var options = new ExecutionOptions
        {
            ThrottleLimit = ThrottleLimit, Deadline = _deadline,
            KnownAddressInvited = () => Volatile.Write(ref _knownAddressInvited, true),
        };
        var results = new BatchedWrites<OperationResult>(Dispatcher, WriteResult);
        var executor = new PlanExecutor(_connection!.Client, results.Add, options);
        _applyingRows = _window;
        // The executor has answered every step before it gives up, so the command only needs to remember why.
        _applying = StartEngine(async ct =>
        {
            try
            {
                await executor.ApplyAsync(approved, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Wrong credentials or a lost platform, or an error nobody foresaw: later rows are not sent.
                Stopped = e;
            }
            return true;
        });
    }

    /// <summary>Waits, writing its results, until the window being applied is done.</summary>
    private void FinishApplying()
    {
        if (_applying is not { } applying) return;
        AwaitEngine(applying);
        _applying = null;
        // Every row gets its result, even where the apply ended in a way nobody foresaw before answering it.
        foreach (var row in _applyingRows.Where(r => !_reportedRows.Contains(r.Row)).ToList())
            WriteResult(row.NotDone(Operation, Stopped?.Message ?? "the change ended without an answer"));
        _applyingRows.ForEach(r => _reportedRows.Remove(r.Row));
        _applyingRows = [];
    }

    /// <summary>Writes the results that came in since the pipeline thread last passed by.</summary>
    private void DrainResults() => StoppedOnPipeline(Dispatcher.Drain);

    /// <summary>Runs pipeline-thread work; when Ctrl+C stops it, keeps the rows that got no result.</summary>
    private void StoppedOnPipeline(Action work)
    {
        try
        {
            work();
        }
        catch (PipelineStoppedException)
        {
            KeepRowsNotReported();
            throw;
        }
    }

    private void NotDone(IEnumerable<TRequest> rows, Exception stopped)
    {
        foreach (var row in rows) WriteResult(row.NotDone(Operation, stopped.Message));
    }

    // What stopped the command (wrong credentials, a lost platform), written by the engine's threads: later rows are
    // answered as not done without a call, and the command stops once every row has its result.
    private Exception? _stopped;
    private Exception? Stopped
    {
        get => Volatile.Read(ref _stopped);
        set => Volatile.Write(ref _stopped, value);
    }

    /// <summary>
    /// A stopped command may write nothing more, so the rows of the window under way that got no result are
    /// kept, as they came in, in $UserMgmtNotDone: piping them into the same command finishes the run (rows
    /// already done are skipped there, since every change is stated as desired state). Rows after them were
    /// never read: running the whole input again skips what is done.
    /// </summary>
    private void KeepRowsNotReported()
    {
        _kept = true;
        var notReported = _applyingRows.Concat(_window).Where(r => !_reportedRows.Contains(r.Row)).Select(r => r.InputObject).Distinct().ToArray();
        SessionState.PSVariable.Set("global:" + NotDoneVariable, notReported);
    }

    public const string NotDoneVariable = "UserMgmtNotDone";

    private bool _kept;

    /// <summary>
    /// Ctrl+C between windows stops the command in the source, not in a window of its own: the rows taken into the
    /// next window got no result. PowerShell disposes a stopped command on the pipeline thread, where they are kept.
    /// </summary>
    public void Dispose()
    {
        if (StopToken.IsCancellationRequested && !_kept) KeepRowsNotReported();
        GC.SuppressFinalize(this);
    }

    /// <summary>The window's plan, or null when it could not be planned (every row of it is then reported as not done).</summary>
    private CommandPlan? Plan()
    {
        using var timer = new CancellationTokenSource();
        if (_deadline is { } at) timer.CancelAfter(Max(at - DateTimeOffset.Now, TimeSpan.Zero));
        try
        {
            BeforePlanning(_planner!);
            // A read the whole command depends on failed (the groups, the credentials): nothing can be planned, now or later.
            var plan = RunEngine(async ct =>
            {
                try
                {
                    return await PlanAsync(_planner!, _window, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Stopped = e;
                    return null;
                }
            }, timer.Token);
            // Nothing was sent while planning, so every row is simply not done.
            if (plan is null) NotDone(_window, Stopped!);
            return plan;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !StopToken.IsCancellationRequested)
        {
            foreach (var request in _window) WriteResult(request.NotDone(Operation, "the deadline passed before the changes were planned"));
            return null;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private bool _knownAddressInvited;

    /// <summary>Whether an address invited without a lookup turned out to be a user's already, in an earlier window.</summary>
    protected bool KnownAddressInvited => Volatile.Read(ref _knownAddressInvited);

    /// <summary>
    /// Whether the changes will be previewed (-WhatIf, or $WhatIfPreference) or asked about one by one (-Confirm, or
    /// $ConfirmPreference at or below this command's impact): then what each row does must be known before it is shown.
    /// </summary>
    protected bool PreviewsOrAsks()
    {
        var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var boundWhatIf)
            ? LanguagePrimitives.IsTrue(boundWhatIf)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference", false));
        if (whatIf) return true;
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)) return LanguagePrimitives.IsTrue(confirm);
        var preference = LanguagePrimitives.ConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference", ConfirmImpact.High));
        return preference != ConfirmImpact.None && preference <= OwnImpact;
    }

    private ConfirmImpact OwnImpact => ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))!).ConfirmImpact;

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
        return preference != ConfirmImpact.None && preference > OwnImpact && preference <= ConfirmImpact.High;
    }

    private void WriteResult(OperationResult result)
    {
        if (ChangesKnownGroups(result)) _connection?.Groups.Forget();
        _tally[result.Status] = _tally.GetValueOrDefault(result.Status) + 1;
        _progress?.RowSettled();
        RowResults.Write(this, result);
        _reportedRows.Add(result.Row);
    }

    private readonly HashSet<int> _reportedRows = [];

    /// <summary>
    /// Whether the groups kept on the connection may no longer be the platform's: a group was created, or a change
    /// failed, perhaps for a group deleted elsewhere, so the row piped in again must find the platform's list.
    /// </summary>
    private static bool ChangesKnownGroups(OperationResult result) =>
        result.Status == OperationStatus.Failed
        || (result.Status == OperationStatus.Succeeded && result.Operation == OperationNames.CreateGroup);

    private static PSObject RowFromValues(IDictionary<string, object?> values)
    {
        var row = new PSObject();
        foreach (var (name, value) in values) row.Properties.Add(new PSNoteProperty(name, value));
        return row;
    }
}
