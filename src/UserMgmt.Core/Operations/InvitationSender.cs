using System.Diagnostics;
using System.Net;
using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// Sends one batch of invitations so that each address ends invited exactly once, with one result.
/// A lost answer is always followed by a look (a read, whatever -MaxRetry says) before anything is
/// sent again; a batch the platform refuses is sent again one address at a time, and a single
/// address is never split further, so every path ends after a bounded number of calls.
/// </summary>
internal sealed class InvitationSender(IUserProvider provider, ResultLedger ledger, RequestMetrics metrics, Stopwatch clock, Action? knownAddressFound = null)
{
    private readonly int _rounds = (CommandScope.Retry ?? RetryPolicy.Default).MaxRetry + 1;

    public async Task SendAsync(List<InviteStep> invites, UnitOfWork unit, CancellationToken cancellationToken) =>
        await SendAsync(invites, unit, answerLost: false, cancellationToken);

    private async Task SendAsync(List<InviteStep> invites, UnitOfWork unit, bool answerLost, CancellationToken cancellationToken)
    {
        // Lost answers in a row; a refusal is an answer, and the batch sent after it is smaller.
        var lost = 0;
        while (invites.Count > 0)
        {
            try
            {
                unit.MarkSent();
                await provider.InviteUsersAsync(invites.Select(i => i.Invitee).ToList(), invites[0].Groups, invites[0].SendEmail, cancellationToken);
                invites.ForEach(i => ledger.Succeeded(i, metrics, clock.Elapsed));
                return;
            }
            catch (AmbiguousOutcomeException e)
            {
                CommandScope.Log.Verbose($"Invitation of {invites.Count} address(es): {e.ServerMessage}; checking which exist now.");
                answerLost = true;
                invites = await ReconcileAsync(invites, answerLost, cancellationToken);
                if (invites.Count > 0 && ++lost >= _rounds)
                {
                    // Looked for and not there: sending these again later is safe.
                    invites.ForEach(i => ledger.Failed(i, e, metrics, clock.Elapsed));
                    return;
                }
            }
            catch (ApiException e) when (!IsFatal(e) && (e.StatusCode == HttpStatusCode.Conflict || invites.Any(i => i.Unchecked)))
            {
                // Some addresses exist already (perhaps from an answer lost earlier): look, then send the rest. Addresses
                // sent without a lookup are looked for whatever the refusal: a platform may refuse a known one otherwise.
                // Sending the rest is not a retry of the refused call (without lookups it is how known addresses are
                // found, whatever -MaxRetry says); each time fewer are sent, so this ends.
                var remaining = await ReconcileAsync(invites, answerLost, cancellationToken);
                if (remaining.Count < invites.Count)
                {
                    invites = remaining;
                    continue;
                }
                await SettleRefusedAsync(remaining, e, unit, answerLost, cancellationToken);
                return;
            }
            catch (ApiException e) when (!IsFatal(e))
            {
                await SettleRefusedAsync(invites, e, unit, answerLost, cancellationToken);
                return;
            }
        }
    }

    /// <summary>One refused address fails the whole call: each gets its own answer, and one alone fails with the platform's.</summary>
    private async Task SettleRefusedAsync(List<InviteStep> invites, ApiException refusal, UnitOfWork unit, bool answerLost, CancellationToken cancellationToken)
    {
        if (invites.Count == 0) return;
        if (invites.Count == 1)
        {
            var message = refusal.StatusCode == HttpStatusCode.Conflict
                ? $"{refusal.ServerMessage} (the platform says the address exists, but no user with it can be found)"
                : refusal.ServerMessage;
            ledger.Report(invites[0], OperationStatus.Failed, message, metrics, clock.Elapsed);
            return;
        }
        CommandScope.Log.Verbose($"A batch of {invites.Count} invitations was refused ({refusal.ServerMessage}); sending them one by one.");
        foreach (var invite in invites) await SendAsync([invite], unit, answerLost, cancellationToken);
    }

    /// <summary>
    /// Reports the addresses that exist now — invited by a call whose answer was lost, or by someone
    /// else since the plan was made — and returns those still to send.
    /// </summary>
    private async Task<List<InviteStep>> ReconcileAsync(List<InviteStep> invites, bool answerLost, CancellationToken cancellationToken)
    {
        var found = new User?[invites.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, invites.Count),
            new ParallelOptions { MaxDegreeOfParallelism = UserDirectory.ConcurrentLookups, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await EmailLookup.FindAsync(provider, invites[i].Email, ct));

        // The platform refuses a batch holding a known address whole, creating nobody (A9): after a lost answer, an
        // address sent without a lookup was invited by the call only if every address of the batch is there now.
        var appliedWhole = found.All(u => u is not null);
        var remaining = new List<InviteStep>();
        for (var i = 0; i < invites.Count; i++)
        {
            var (invite, user) = (invites[i], found[i]);
            if (user is null)
            {
                remaining.Add(invite);
                continue;
            }
            var missing = invite.Groups.Where(g => !user.Groups.Contains(g.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (invite.Unchecked && missing.Count > 0 && user.ExternallyManaged)
            {
                // As planning with a lookup refuses it: the platform refuses every change to such a user.
                knownAddressFound?.Invoke();
                ledger.Report(invite, OperationStatus.Failed, ScimManaged.User(user.Email, provider.Capabilities.Platform), metrics, clock.Elapsed);
                continue;
            }
            if (missing.Count > 0)
            {
                try
                {
                    await provider.AddUserToGroupsAsync(user.Id, missing, cancellationToken);
                }
                catch (ApiException e) when (!IsFatal(e))
                {
                    // This row's failure alone: the batch's other addresses are still to be sent.
                    ledger.Report(invite, OperationStatus.Failed, $"Already a user, but adding to the groups failed: {e.ServerMessage}", metrics, clock.Elapsed);
                    continue;
                }
            }
            if (answerLost && (appliedWhole || !invite.Unchecked)) ledger.Succeeded(invite, metrics, clock.Elapsed, invite.DoneMessage + " (confirmed after the platform's answer was lost)");
            else if (invite.Unchecked) SettleKnown(invite, user, missing);
            else ledger.Report(invite, OperationStatus.Skipped, "Already a user: created since the plan was made.", metrics, clock.Elapsed);
        }
        return remaining;
    }

    /// <summary>An address sent without a lookup that was a user's already: answered as planning with a lookup would have.</summary>
    private void SettleKnown(InviteStep invite, User user, List<Group> added)
    {
        knownAddressFound?.Invoke();
        if (added.Count > 0) ledger.Succeeded(invite, metrics, clock.Elapsed, $"already a user; added to {PlannedStep.Quote(added.Select(g => g.Name))}");
        else ledger.Report(invite, OperationStatus.Skipped, CommandPlanner.AlreadyAUser(user, invite.Groups), metrics, clock.Elapsed);
    }

    internal static bool IsFatal(Exception e) => e is AuthenticationFailedException or ServiceUnreachableException;
}
