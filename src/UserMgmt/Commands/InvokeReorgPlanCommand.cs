using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;
using UserMgmt.Plans;

namespace UserMgmt.Commands;

/// <summary>
/// Applies a reorganisation plan: a YAML file (-Path), a plan from New-ReorgPlan, or a saved plan
/// (-PlanFile), which is refused if the platform has moved since it was made. -WhatIf shows every
/// change and sends nothing. Removals, disables and deletes ask for confirmation unless -Force (or
/// -Confirm:$false) is given. Each change is recorded in a journal file as it is settled.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ReorgPlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(OperationResult))]
public sealed class InvokeReorgPlanCommand : UserMgmtCmdlet
{
    private const string PathSet = "Path";
    private const string PlanSet = "Plan";
    private const string PlanFileSet = "PlanFile";

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    [Parameter(ParameterSetName = PlanSet, Mandatory = true, ValueFromPipeline = true)]
    public ReorgPlan Plan { get; set; } = null!;

    [Parameter(ParameterSetName = PlanFileSet, Mandatory = true)]
    public string PlanFile { get; set; } = "";

    /// <summary>Apply removals, disables and deletes without asking, as a scheduled task must.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The journal file; by default next to the plan file named on the command line (-Path or -PlanFile), named after it. Never taken from inside a saved plan.</summary>
    [Parameter]
    public string? JournalPath { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ExecutionOptions.DefaultThrottleLimit;

    protected override void ProcessRecord()
    {
        if (LoadPlan() is not { } plan) return;
        WriteVerbose(plan.Summary + ".");
        var approved = plan.Changes.Where(Approve).ToList();
        if (approved.Count == 0) return;

        using var journal = OpenJournal(plan);
        var connection = Connected();
        var applier = new ReorgPlanApplier(connection.Client, result => Dispatcher.Post(() =>
        {
            journal.Record(result);
            WriteResult(result);
        }), new ExecutionOptions { ThrottleLimit = ThrottleLimit });
        try
        {
            RunEngine(ct => applier.ApplyAsync(approved, ct));
        }
        finally
        {
            // A plan creates, renames and empties groups: later commands read them again.
            connection.Groups.Forget();
        }
        WriteVerbose($"Journal: {journal.Path}");
    }

    private PlanJournal OpenJournal(ReorgPlan plan)
    {
        var path = JournalPath is null ? PlanJournal.DefaultPathFor(plan) : GetUnresolvedProviderPathFromPSPath(JournalPath);
        try
        {
            return new PlanJournal(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.JournalUnwritable", ErrorCategory.WriteError, path));
            throw;
        }
    }

    private ReorgPlan? LoadPlan()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                return ReorgPlans.Compute(this, GetUnresolvedProviderPathFromPSPath(Path));
            case PlanFileSet:
                var file = GetUnresolvedProviderPathFromPSPath(PlanFile);
                try
                {
                    return Fresh(ReorgPlan.Load(file));
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.SavedPlanUnreadable", ErrorCategory.ReadError, file));
                    return null;
                }
            default:
                return Fresh(Plan);
        }
    }

    /// <summary>
    /// A plan made earlier, if this platform can make every change in it and nothing it depends on has moved
    /// since; otherwise the command stops, before anything is sent, and says why.
    /// </summary>
    private ReorgPlan Fresh(ReorgPlan plan)
    {
        var client = Connected().Client;
        var platform = client.Capabilities;
        var unsupported = ReorgPlanner.Unsupported(plan, platform).Concat(RunEngine(ct => ReorgPlanner.RefusedValuesAsync(plan, client, ct))).ToList();
        if (unsupported.Count > 0)
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The plan asks {platform.Platform} for changes it cannot make: {string.Join("; ", unsupported)}. "
                    + "Make the plan with New-ReorgPlan while connected to this platform."),
                "UserMgmt.PlanUnsupported", ErrorCategory.InvalidOperation, plan));
        // Groups that existed when the plan was made are asked for again, even where the listing leaves them out.
        var existed = plan.Groups.Where(g => g.Value != DirectorySnapshot.Absent).Select(g => g.Key);
        var live = RunEngine(ct => DirectorySnapshot.ReadAsync(client, ct, existed));
        var moved = ReorgPlanner.Moved(plan, live);
        if (moved.Count > 0)
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The plan was computed at {plan.ComputedAt:g}, and since then these have changed: {string.Join(", ", moved)}. Make the plan again with New-ReorgPlan."),
                "UserMgmt.PlanStale", ErrorCategory.InvalidOperation, plan));
        return plan;
    }

    private bool Approve(PlanChange change)
    {
        var request = new PlanChangeRequest(change);
        if (!ShouldProcess(change.Line, change.Line + "?", "Invoke-ReorgPlan", out var reason))
        {
            WriteResult(reason == ShouldProcessReason.WhatIf
                ? request.Settled(request.Operation, OperationStatus.WhatIf, change.Line)
                : request.Settled(request.Operation, OperationStatus.Skipped, "Declined at the confirmation prompt."));
            return false;
        }
        // Taking something away asks even at the default confirmation preference.
        if (change.HighImpact && !Force && !MyInvocation.BoundParameters.ContainsKey("Confirm")
            && !ShouldContinue($"{change.Line}\nThis takes something away. Continue?", "Invoke-ReorgPlan"))
        {
            WriteResult(request.Settled(request.Operation, OperationStatus.Skipped, "Declined at the confirmation prompt."));
            return false;
        }
        return true;
    }

    private void WriteResult(OperationResult result) => RowResults.Write(this, result);
}
