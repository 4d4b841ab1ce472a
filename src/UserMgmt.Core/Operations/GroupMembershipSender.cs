using System.Diagnostics;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Applies membership changes that share their groups and direction as one call per group, for
/// platforms that change a group's members at once. One refused user fails the whole call, so a
/// refused batch is sent again one row at a time and each row gets the platform's own answer.
/// Membership is desired state, so sending a row again after part of a batch landed changes nothing twice.
/// </summary>
internal sealed class GroupMembershipSender(IUserProvider provider, ResultLedger ledger)
{
    public async Task SendAsync(List<MembershipStep> steps, UnitOfWork unit, RequestMetrics metrics, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            unit.MarkSent();
            var userIds = steps.Select(s => s.UserId).ToList();
            foreach (var group in steps[0].Groups)
                await provider.ChangeGroupMembersAsync(group, userIds, steps[0].IsAddition, cancellationToken);
            steps.ForEach(s => ledger.Succeeded(s, metrics, clock.Elapsed));
        }
        catch (ApiException e) when (!InvitationSender.IsFatal(e))
        {
            if (steps.Count == 1)
            {
                ledger.Failed(steps[0], e, metrics, clock.Elapsed);
                return;
            }
            CommandScope.Log.Verbose($"A change of {steps.Count} members was refused ({e.ServerMessage}); sending it one row at a time.");
            // Each row counts its own attempts and time, not the refused batch's.
            foreach (var step in steps) await SendAsync([step], unit, RequestMetrics.Begin(), Stopwatch.StartNew(), cancellationToken);
        }
    }
}
