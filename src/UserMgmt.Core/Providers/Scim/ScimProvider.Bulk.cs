using RestSharp;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// User changes as /Bulk requests where the service supports Bulk and PATCH (RFC 7644 §3.7): a job's rows go in as few
/// requests as its limits allow, and each row is told how its own operations ended.
/// </summary>
internal sealed partial class ScimProvider
{
    /// <summary>Rows one job holds; the requests it is sent as keep to the service's own limits.</summary>
    private const int RowsPerJob = 1000;

    /// <summary>The payload limit assumed where the service does not give one (1 MiB; RFC 7643 §5 leaves it to the service).</summary>
    private const long AssumedMaxPayloadSize = 1_048_576;

    private static int? RowsPerBulkJob(ScimServiceConfig config) => config is { Bulk: true, Patch: true } ? RowsPerJob : null;

    public async Task<IReadOnlyList<UserChangeOutcome>> ApplyUserChangesAsync(IReadOnlyList<UserChange> changes, CancellationToken cancellationToken)
    {
        if (RowsPerBulkJob(_config) is null) return await ApplyOneByOneAsync(changes, cancellationToken);

        var rows = new ScimBulkRows(changes.Count);
        var operations = new ScimBulkOperations(this, Users, Groups);
        var apart = new List<int>();
        for (var row = 0; row < changes.Count; row++)
        {
            try
            {
                var ofRow = await operations.ForAsync(row, changes[row], cancellationToken);
                // The service would read such text as naming another operation's user, and write that user's id instead.
                if (ofRow.Any(o => o.CarriesReferenceText)) apart.Add(row);
                else rows.Operations.AddRange(ofRow);
            }
            catch (ApiException e) when (!InvitationSender.IsFatal(e))
            {
                rows.RefuseBeforeSending(row, e.ServerMessage);
            }
        }
        var payload = _config.MaxPayloadSize > 0 ? _config.MaxPayloadSize : AssumedMaxPayloadSize;
        var sender = new ScimBulkSender(SendBulkAsync, FindUserIdAsync, _config.MaxOperations, payload, _redactor);
        if (await sender.SendAsync(rows, changes.Select(c => c.Email).ToList(), cancellationToken) is { } sent)
        {
            var outcomes = sent.Outcomes().ToArray();
            var plain = await ApplyOneByOneAsync(apart.Select(row => changes[row]).ToList(), cancellationToken);
            for (var i = 0; i < apart.Count; i++) outcomes[apart[i]] = plain[i];
            return outcomes;
        }

        CommandScope.Log.Verbose("The service does not take Bulk requests though it said it does: changes go one request at a time.");
        _config = _config with { Bulk = false };
        Capabilities = Capabilities with { UserChangesPerJob = null, InvitationRefusesExisting = true };
        return await ApplyOneByOneAsync(changes, cancellationToken);
    }

    private async Task<string?> SendBulkAsync(string body, CancellationToken cancellationToken) =>
        (await _rest.SendAsync(Request("Bulk", Method.Post).AddStringBody(body, ScimJson), cancellationToken)).Content;

    private async Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken) =>
        await UsersWithEmailAsync(email, cancellationToken) is [var one] ? one.Id : null;

    /// <summary>Each row by plain requests, for a service that turned Bulk down: a row's refusal is its own.</summary>
    private async Task<IReadOnlyList<UserChangeOutcome>> ApplyOneByOneAsync(IReadOnlyList<UserChange> changes, CancellationToken cancellationToken)
    {
        var outcomes = new List<UserChangeOutcome>();
        foreach (var change in changes)
        {
            try
            {
                await ApplyAsync(change, cancellationToken);
                outcomes.Add(UserChangeOutcome.Applied);
            }
            catch (ApiException e) when (!InvitationSender.IsFatal(e))
            {
                // Not sent again by the job, even when the answer was lost: a user it created would refuse a second creation.
                outcomes.Add(new UserChangeOutcome(UserChangeResult.Refused, e.ServerMessage));
            }
        }
        return outcomes;
    }

    private async Task ApplyAsync(UserChange change, CancellationToken cancellationToken)
    {
        if (change.Existing is not { } user)
        {
            await InviteUsersAsync([new Invitee(change.Email, change.FirstName, change.LastName)], change.Join, sendEmail: false, cancellationToken);
            return;
        }
        if (change.Attributes.Count > 0) await SetAttributesAsync(user.Id, change.Attributes, cancellationToken);
        if (change.Enabled is { } enabled) await SetEnabledAsync(user.Id, enabled, cancellationToken);
        if (change.Join.Count > 0) await AddUserToGroupsAsync(user.Id, change.Join, cancellationToken);
        if (change.Leave.Count > 0) await RemoveUserFromGroupsAsync(user.Id, change.Leave, cancellationToken);
    }
}
