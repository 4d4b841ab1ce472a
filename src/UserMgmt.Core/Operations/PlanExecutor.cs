using System.Diagnostics;
using System.Runtime.ExceptionServices;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Applies approved steps concurrently (up to the throttle limit) and reports one result per step.
/// Invitations share calls where the platform takes batches; an invitation whose outcome is unknown
/// is looked up before it is sent again, so nobody is invited twice. On platforms that change users
/// through jobs, the user changes go as a few jobs, one after another. When the platform becomes
/// unreachable or refuses the credentials, or the command is stopped or runs out of time, every step
/// not yet done is reported as not done, so no row goes missing.
/// </summary>
public sealed class PlanExecutor(IUserProvider provider, Action<OperationResult> report, ExecutionOptions? options = null)
{
    private readonly ExecutionOptions _options = options ?? new ExecutionOptions();

    public async Task ApplyAsync(IReadOnlyList<PlannedStep> steps, CancellationToken cancellationToken)
    {
        var ledger = new ResultLedger(report);
        using var deadline = _options.Deadline is { } at
            ? new CancellationTokenSource(Max(at - _options.Clock.GetUtcNow(), TimeSpan.Zero), _options.Clock)
            : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Exception? fatal = null;

        string StopReason() =>
            cancellationToken.IsCancellationRequested ? "the command was stopped"
            : Volatile.Read(ref fatal)?.Message ?? "the deadline passed before it was done";

        async ValueTask RunAsync(UnitOfWork unit, CancellationToken _)
        {
            if (stop.IsCancellationRequested)
            {
                ledger.NotDone(unit.Steps, StopReason());
                return;
            }
            try
            {
                await ApplyUnitAsync(unit, ledger, stop.Token);
            }
            catch (Exception e) when (InvitationSender.IsFatal(e))
            {
                Interlocked.CompareExchange(ref fatal, e, null);
                await stop.CancelAsync();
                ledger.NotDone(unit.Steps, unit.Unfinished(e.Message));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                ledger.NotDone(unit.Steps, unit.Unfinished(StopReason()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An answer nobody foresaw (a page cut short, a created item without an id) fails this unit's rows, not the command.
                foreach (var step in unit.Steps)
                    ledger.Report(step, OperationStatus.Failed, unit.Unfinished($"Unexpected error: {e.Message}"), null, TimeSpan.Zero);
            }
        }

        var units = Units(steps).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ThrottleLimit) };
        // Attributes are read, merged and written whole: two changes of one user's at once would each write back a map
        // without the other's change, so one user's attribute changes go one after another, in row order.
        var lanes = units.Where(u => u.Job is null)
            .GroupBy(u => u.Steps is [AttributeStep change] ? change.UserId : (object)u)
            .Select(lane => lane.ToList());
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) =>
        {
            foreach (var unit in lane) await RunAsync(unit, token);
        });
        // Jobs go one after another: a user's later change sits in a later job, and must land after the earlier one.
        foreach (var unit in units.Where(u => u.Job is not null)) await RunAsync(unit, default);

        if (fatal is not null) ExceptionDispatchInfo.Throw(fatal);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ApplyUnitAsync(UnitOfWork unit, ResultLedger ledger, CancellationToken cancellationToken)
    {
        var metrics = RequestMetrics.Begin();
        var clock = Stopwatch.StartNew();
        if (unit.Job is { } job)
        {
            await new ChangeJobSender(provider, ledger, metrics, clock).SendAsync(job, unit, cancellationToken);
            return;
        }
        if (unit.Steps[0] is InviteStep)
        {
            var sender = new InvitationSender(provider, ledger, metrics, clock, _options.KnownAddressInvited);
            await sender.SendAsync(unit.Steps.Cast<InviteStep>().ToList(), unit, cancellationToken);
            return;
        }
        if (unit.Steps[0] is MembershipStep && provider.Capabilities.MembershipByGroup)
        {
            var sender = new GroupMembershipSender(provider, ledger);
            await sender.SendAsync(unit.Steps.Cast<MembershipStep>().ToList(), unit, metrics, clock, cancellationToken);
            return;
        }
        var step = unit.Steps[0];
        try
        {
            // Every other change is stated as desired state, so the REST core may repeat it safely.
            unit.MarkSent();
            await step.ApplyAsync(provider, cancellationToken);
            ledger.Succeeded(step, metrics, clock.Elapsed);
        }
        catch (ApiException e) when (!InvitationSender.IsFatal(e))
        {
            ledger.Failed(step, e, metrics, clock.Elapsed);
        }
    }

    /// <summary>
    /// Units of work: one per step, but invitations with the same groups share batches, and so do
    /// membership changes with the same groups and direction where the platform changes a group's
    /// members at once. Where the platform changes users through jobs, every user change goes into a job.
    /// </summary>
    private IEnumerable<UnitOfWork> Units(IReadOnlyList<PlannedStep> steps)
    {
        var capabilities = provider.Capabilities;
        if (capabilities.UserChangesPerJob is > 0 and var perJob)
        {
            var userChanges = steps.Select(s => (Step: s, Change: s.AsUserChange())).Where(c => c.Change is not null).ToList();
            foreach (var job in ChangeJob.Pack(userChanges.Select(c => (c.Step, c.Change!)), perJob))
                yield return new UnitOfWork(job.Steps, job);
            steps = steps.Except(userChanges.Select(c => c.Step)).ToList();
        }

        var byGroup = capabilities.MembersPerGroupCall is > 0 and var perCall ? perCall : 0;
        bool Batched(PlannedStep s) => s is InviteStep || (byGroup > 0 && s is MembershipStep);

        foreach (var step in steps.Where(s => !Batched(s))) yield return new UnitOfWork([step]);
        var size = Math.Max(1, capabilities.InvitationsPerCall);
        foreach (var sameKind in steps.OfType<InviteStep>().GroupBy(i => i.BatchKey))
            foreach (var chunk in sameKind.Chunk(size))
                yield return new UnitOfWork(chunk);
        if (byGroup == 0) yield break;
        foreach (var sameGroups in steps.OfType<MembershipStep>().GroupBy(m => m.BatchKey))
            foreach (var chunk in sameGroups.Chunk(byGroup))
                yield return new UnitOfWork(chunk);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
