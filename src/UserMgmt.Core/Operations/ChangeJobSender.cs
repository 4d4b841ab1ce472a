using System.Diagnostics;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Sends one job of user changes and gives each input row the outcome of its own file row. Rows whose
/// fate the platform left open (it refused the file for other rows, or did not say which rows failed)
/// go again in a new job, as long as each round settles at least one row, so the rounds end.
/// </summary>
internal sealed class ChangeJobSender(IUserProvider provider, ResultLedger ledger, RequestMetrics metrics, Stopwatch clock)
{
    public async Task SendAsync(ChangeJob job, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var rows = job.Rows;
        while (rows.Count > 0)
        {
            IReadOnlyList<UserChangeOutcome> outcomes;
            try
            {
                unit.MarkSent();
                outcomes = await provider.ApplyUserChangesAsync(rows.Select(r => r.Change).ToList(), cancellationToken);
            }
            catch (ApiException e) when (!InvitationSender.IsFatal(e))
            {
                foreach (var step in rows.SelectMany(r => r.Steps)) ledger.Failed(step, e, metrics, clock.Elapsed);
                return;
            }
            if (outcomes.Count != rows.Count)
                throw new InvalidOperationException($"The platform's job answered for {outcomes.Count} of {rows.Count} rows.");

            var again = rows.Where((_, i) => outcomes[i].Result == UserChangeResult.NotApplied).ToList();
            var progress = again.Count < rows.Count;
            for (var i = 0; i < rows.Count; i++)
            {
                if (outcomes[i].Result == UserChangeResult.NotApplied && progress) continue;
                foreach (var step in rows[i].Steps) Settle(step, rows[i].Change, outcomes[i]);
            }
            if (!progress) return;
            if (again.Count > 0)
                CommandScope.Log.Verbose($"A job left {again.Count} row(s) unsettled ({outcomes.First(o => o.Result == UserChangeResult.NotApplied).Message}); sending them again.");
            rows = again;
        }
    }

    private void Settle(PlannedStep step, UserChange row, UserChangeOutcome outcome)
    {
        var groups = row.Join.Concat(row.Leave).Select(g => g.Name).ToList();
        var (status, message) = outcome.Result switch
        {
            // The row's other changes landed, but the group change this step asked for did not: sending it again is safe.
            UserChangeResult.Applied when step is MembershipStep m && m.Groups.Any(g => UserChangeOutcome.LeftOut(g.Name, groups, outcome.GroupWarnings)) =>
                (OperationStatus.Failed, $"The platform did not make the group change: {outcome.Message}"),
            UserChangeResult.Applied when step is RoleStep r && UserChangeOutcome.LeftOut(r.Role, row.GrantRoles.Concat(row.RevokeRoles), outcome.RoleWarnings) =>
                (OperationStatus.Failed, $"The platform did not make the role change: {outcome.Message}"),
            UserChangeResult.Applied => (OperationStatus.Succeeded, step.DoneMessage + (outcome.Message is { } warning ? $" (the platform warned: {warning})" : "")),
            UserChangeResult.Refused => (OperationStatus.Failed, outcome.Message ?? "the platform refused the row"),
            _ => (OperationStatus.Failed, $"The platform did not confirm the change: {outcome.Message ?? "it refused the file"}"),
        };
        ledger.Report(step, status, message, metrics, clock.Elapsed);
    }
}
