using System.Diagnostics;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Applies approved steps and reports one result per step. Invitations share calls where the
/// platform takes batches. When the platform becomes unreachable or refuses the credentials, every
/// step not yet done is reported as not done before the error is raised, so no row goes missing.
/// </summary>
public sealed class PlanExecutor(IUserProvider provider, Action<OperationResult> report)
{
    public async Task ApplyAsync(IReadOnlyList<PlannedStep> steps, CancellationToken cancellationToken)
    {
        var pending = new Queue<IReadOnlyList<PlannedStep>>(Batch(steps));
        while (pending.TryDequeue(out var batch))
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ApplyBatchAsync(batch, cancellationToken);
            }
            catch (Exception e) when (e is AuthenticationFailedException or ServiceUnreachableException or OperationCanceledException)
            {
                var reason = e is OperationCanceledException ? "the command was stopped" : e.Message;
                foreach (var step in batch.Concat(pending.SelectMany(b => b)))
                    report(step.ToResult(OperationStatus.Failed, $"Not done: {reason}", (e as ApiException)?.StatusCode is { } s ? (int)s : null));
                throw;
            }
        }
    }

    private async Task ApplyBatchAsync(IReadOnlyList<PlannedStep> batch, CancellationToken cancellationToken)
    {
        if (batch is [var single])
        {
            await ApplyOneAsync(single, cancellationToken);
            return;
        }
        var invites = batch.Cast<InviteStep>().ToList();
        var clock = Stopwatch.StartNew();
        try
        {
            await provider.InviteUsersAsync(invites.Select(i => i.Email).ToList(), invites[0].Groups, invites[0].SendEmail, cancellationToken);
            invites.ForEach(i => report(i.ToResult(OperationStatus.Succeeded, i.DoneMessage, null, 1, clock.Elapsed)));
        }
        catch (ApiException e) when (e is not (AuthenticationFailedException or ServiceUnreachableException))
        {
            // One bad address fails the whole call; send them one by one so each row gets its own answer.
            ActivityLogScope.Current.Verbose($"A batch of {invites.Count} invitations was refused ({e.ServerMessage}); sending them one by one.");
            foreach (var invite in invites) await ApplyOneAsync(invite, cancellationToken);
        }
    }

    private async Task ApplyOneAsync(PlannedStep step, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await step.ApplyAsync(provider, cancellationToken);
            report(step.ToResult(OperationStatus.Succeeded, step.DoneMessage, null, 1, clock.Elapsed));
        }
        catch (ApiException e) when (e is not (AuthenticationFailedException or ServiceUnreachableException))
        {
            report(step.ToResult(OperationStatus.Failed, e.ServerMessage, (int?)e.StatusCode, 1, clock.Elapsed));
        }
    }

    private IEnumerable<IReadOnlyList<PlannedStep>> Batch(IReadOnlyList<PlannedStep> steps)
    {
        foreach (var step in steps.Where(s => s is not InviteStep)) yield return [step];
        var size = Math.Max(1, provider.InviteBatchSize);
        foreach (var sameKind in steps.OfType<InviteStep>().GroupBy(i => i.BatchKey))
            foreach (var chunk in sameKind.Chunk(size))
                yield return chunk;
    }
}
