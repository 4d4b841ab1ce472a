using System.Diagnostics;
using System.Net;
using System.Runtime.ExceptionServices;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Applies approved steps concurrently (up to the throttle limit) and reports one result per step.
/// Invitations share calls where the platform takes batches; an invitation whose outcome is unknown
/// is looked up before it is sent again, so nobody is invited twice. When the platform becomes
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

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ThrottleLimit) };
        await Parallel.ForEachAsync(Units(steps), parallel, async (unit, _) =>
        {
            if (stop.IsCancellationRequested)
            {
                ledger.NotDone(unit, StopReason());
                return;
            }
            try
            {
                await ApplyUnitAsync(unit, ledger, stop.Token);
            }
            catch (Exception e) when (e is AuthenticationFailedException or ServiceUnreachableException)
            {
                Interlocked.CompareExchange(ref fatal, e, null);
                await stop.CancelAsync();
                ledger.NotDone(unit, e.Message);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                ledger.NotDone(unit, StopReason() + " (it may have been applied; running the command again is safe)");
            }
        });

        if (fatal is not null) ExceptionDispatchInfo.Throw(fatal);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ApplyUnitAsync(IReadOnlyList<PlannedStep> unit, ResultLedger ledger, CancellationToken cancellationToken)
    {
        var metrics = RequestMetrics.Begin();
        var clock = Stopwatch.StartNew();
        if (unit[0] is InviteStep)
        {
            await InviteAsync(unit.Cast<InviteStep>().ToList(), ledger, metrics, clock, cancellationToken);
            return;
        }
        var step = unit[0];
        try
        {
            // Every other change is stated as desired state, so the REST core may repeat it safely.
            await step.ApplyAsync(provider, cancellationToken);
            ledger.Succeeded(step, metrics, clock.Elapsed);
        }
        catch (ApiException e) when (e is not (AuthenticationFailedException or ServiceUnreachableException))
        {
            ledger.Failed(step, e, metrics, clock.Elapsed);
        }
    }

    private async Task InviteAsync(List<InviteStep> invites, ResultLedger ledger, RequestMetrics metrics, Stopwatch clock, CancellationToken cancellationToken)
    {
        var rounds = (CommandScope.Retry ?? RetryPolicy.Default).MaxRetry + 1;
        var answerLost = false;
        for (var round = 1; invites.Count > 0; round++)
        {
            try
            {
                await provider.InviteUsersAsync(invites.Select(i => i.Invitee).ToList(), invites[0].Groups, invites[0].SendEmail, cancellationToken);
                invites.ForEach(i => ledger.Succeeded(i, metrics, clock.Elapsed));
                return;
            }
            catch (ApiException e) when (round < rounds && (e is AmbiguousOutcomeException || e.StatusCode == HttpStatusCode.Conflict))
            {
                // The answer was lost, or some addresses exist already (perhaps from that lost answer): look before sending again.
                CommandScope.Log.Verbose($"Invitation of {invites.Count} address(es): {e.ServerMessage}; checking which exist now.");
                answerLost |= e is AmbiguousOutcomeException;
                var remaining = await ReconcileAsync(invites, answerLost, ledger, metrics, clock, cancellationToken);
                if (e is not AmbiguousOutcomeException && remaining.Count == invites.Count)
                {
                    await InviteOneByOneAsync(invites, ledger, metrics, clock, cancellationToken);
                    return;
                }
                invites = remaining;
            }
            catch (ApiException e) when (invites.Count > 1 && e is not (AuthenticationFailedException or ServiceUnreachableException))
            {
                // One bad address fails the whole call; send them one by one so each row gets its own answer.
                CommandScope.Log.Verbose($"A batch of {invites.Count} invitations was refused ({e.ServerMessage}); sending them one by one.");
                await InviteOneByOneAsync(invites, ledger, metrics, clock, cancellationToken);
                return;
            }
            catch (ApiException e) when (e is not (AuthenticationFailedException or ServiceUnreachableException))
            {
                ledger.Failed(invites[0], e, metrics, clock.Elapsed);
                return;
            }
        }
    }

    private async Task InviteOneByOneAsync(List<InviteStep> invites, ResultLedger ledger, RequestMetrics metrics, Stopwatch clock, CancellationToken cancellationToken)
    {
        foreach (var invite in invites) await InviteAsync([invite], ledger, metrics, clock, cancellationToken);
    }

    /// <summary>
    /// Reports the addresses that exist now — invited by a call whose answer was lost, or by someone
    /// else since the plan was made — and returns those still to send.
    /// </summary>
    private async Task<List<InviteStep>> ReconcileAsync(List<InviteStep> invites, bool answerLost, ResultLedger ledger, RequestMetrics metrics, Stopwatch clock, CancellationToken cancellationToken)
    {
        var remaining = new List<InviteStep>();
        foreach (var invite in invites)
        {
            var page = await provider.ListUsersAsync(invite.Email, 0, 10, cancellationToken);
            var user = page.Users.FirstOrDefault(u => string.Equals(u.Email, invite.Email, StringComparison.OrdinalIgnoreCase));
            if (user is null)
            {
                remaining.Add(invite);
                continue;
            }
            var missing = invite.Groups.Where(g => !user.Groups.Contains(g.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0) await provider.AddUserToGroupsAsync(user.Id, missing, cancellationToken);
            if (answerLost) ledger.Succeeded(invite, metrics, clock.Elapsed, invite.DoneMessage + " (confirmed after the platform's answer was lost)");
            else ledger.Report(invite, OperationStatus.Skipped, "Already a user: created since the plan was made.", metrics, clock.Elapsed);
        }
        return remaining;
    }

    /// <summary>Units of work: one per step, but invitations with the same groups share batches.</summary>
    private IEnumerable<IReadOnlyList<PlannedStep>> Units(IReadOnlyList<PlannedStep> steps)
    {
        foreach (var step in steps.Where(s => s is not InviteStep)) yield return [step];
        var size = Math.Max(1, provider.InviteBatchSize);
        foreach (var sameKind in steps.OfType<InviteStep>().GroupBy(i => i.BatchKey))
            foreach (var chunk in sameKind.Chunk(size))
                yield return chunk;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
