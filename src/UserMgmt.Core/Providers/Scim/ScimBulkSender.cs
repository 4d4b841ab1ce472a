using System.Net;
using System.Text;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// Sends a job's operations as /Bulk requests (RFC 7644 §3.7), each within the service's maxOperations and
/// maxPayloadSize, one after another, and says how each row ended. A user created in one request is named by its
/// bulkId within it and by its id in later ones. A request refused as too large goes again in halves; one whose
/// answer was lost, or does not say how an operation ended, is looked into and sent once more. Once an operation of a
/// row fails, the row's operations waiting for a later request are not sent.
/// </summary>
internal sealed class ScimBulkSender(Func<string, CancellationToken, Task<string?>> sendBulk, Func<string, CancellationToken, Task<string?>> findUserId,
    int maxOperations, long maxPayloadSize, SecretRedactor redactor)
{
    private const string Envelope = $$"""{"schemas":["{{ScimSchemas.BulkRequest}}"],"Operations":[]}""";

    private readonly Dictionary<string, string> _createdIds = new(StringComparer.Ordinal);
    private int _operationsPerRequest = maxOperations;

    /// <summary>The operations sent for each row, in row order; null when the service does not take Bulk requests at all.</summary>
    public async Task<ScimBulkRows?> SendAsync(ScimBulkRows rows, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        var queue = new LinkedList<ScimBulkOperation>(rows.Operations);
        var anyAnswered = false;
        while (queue.Count > 0)
        {
            var batch = NextRequest(queue, rows);
            if (batch.Count == 0) continue;
            string? answer;
            try
            {
                answer = await sendBulk(Body(batch), cancellationToken);
                anyAnswered = true;
            }
            catch (ApiException e) when (e.StatusCode == HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
            {
                // The service takes less than it said: smaller requests from here on.
                _operationsPerRequest = Math.Max(1, batch.Count / 2);
                Requeue(queue, batch);
                continue;
            }
            catch (ApiException e) when (!anyAnswered && e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
            {
                return null;
            }
            catch (AmbiguousOutcomeException e)
            {
                await LostAsync(queue, batch, rows, emails, e.ServerMessage, cancellationToken);
                continue;
            }
            catch (ApiException e) when (!InvitationSender.IsFatal(e))
            {
                foreach (var (operation, _) in batch) rows.Refuse(operation, e.ServerMessage);
                continue;
            }
            IReadOnlyList<ScimBulkResult?> results;
            try
            {
                results = ScimBulkAnswer.Pair(answer, batch.Select(b => b.Operation).ToList());
            }
            catch (FormatException e)
            {
                // Answered, so perhaps applied, but unreadable: as good as lost.
                await LostAsync(queue, batch, rows, emails, redactor.Redact(e.Message), cancellationToken);
                continue;
            }
            if (Settle(results, batch, rows) is { Count: > 0 } unclear)
                await LostAsync(queue, unclear, rows, emails, "its result did not say how it ended", cancellationToken);
        }
        return rows;
    }

    /// <summary>
    /// The next request's operations from the front of the queue, each with the JSON it is sent as: as many as the
    /// service takes, skipping those of rows already settled, and those naming a user nobody is known to have created.
    /// </summary>
    private List<(ScimBulkOperation Operation, string Json)> NextRequest(LinkedList<ScimBulkOperation> queue, ScimBulkRows rows)
    {
        var batch = new List<(ScimBulkOperation, string)>();
        long size = Encoding.UTF8.GetByteCount(Envelope);
        while (queue.First is { } next && batch.Count < _operationsPerRequest)
        {
            var operation = next.Value;
            if (rows.IsSettled(operation.Row))
            {
                queue.RemoveFirst();
                continue;
            }
            string? user = null;
            if (operation.NamesCreated is { } bulkId)
            {
                if (_createdIds.TryGetValue(bulkId, out var id)) user = id;
                else if (batch.Any(b => b.Item1.BulkId == bulkId)) user = $"bulkId:{bulkId}";
                else
                {
                    queue.RemoveFirst();
                    rows.Refuse(operation, "the service created the user but did not say its id, so it was not sent");
                    continue;
                }
            }
            var json = operation.ToJson(user);
            var added = Encoding.UTF8.GetByteCount(json) + (batch.Count > 0 ? 1 : 0);
            if (size + added > maxPayloadSize)
            {
                if (batch.Count > 0) break;
                queue.RemoveFirst();
                rows.Refuse(operation, $"it is larger than the {maxPayloadSize:N0} bytes the service takes in one request, so it was not sent");
                continue;
            }
            queue.RemoveFirst();
            batch.Add((operation, json));
            size += added;
        }
        return batch;
    }

    private static string Body(List<(ScimBulkOperation Operation, string Json)> batch) =>
        Envelope.Replace("[]", "[" + string.Join(',', batch.Select(b => b.Json)) + "]", StringComparison.Ordinal);

    private static void Requeue(LinkedList<ScimBulkOperation> queue, List<(ScimBulkOperation Operation, string Json)> batch)
    {
        for (var i = batch.Count - 1; i >= 0; i--) queue.AddFirst(batch[i].Operation);
    }

    /// <summary>Settles each operation as its result says; returns those whose result does not say how they ended.</summary>
    private List<(ScimBulkOperation Operation, string Json)> Settle(IReadOnlyList<ScimBulkResult?> results,
        List<(ScimBulkOperation Operation, string Json)> batch, ScimBulkRows rows)
    {
        var unclear = new List<(ScimBulkOperation Operation, string Json)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (operation, _) = batch[i];
            switch (results[i])
            {
                case null or { Status: null }:
                    unclear.Add(batch[i]);
                    break;
                case { Succeeded: true } done:
                    if (operation.BulkId is { } bulkId && done.CreatedId is { } id) _createdIds[bulkId] = id;
                    rows.Done(operation);
                    break;
                case { ForNow: true } busy:
                    rows.Unsettle(operation, Message(busy) ?? $"the service answered {busy.Status}");
                    break;
                case var refused:
                    rows.Refuse(operation, Message(refused) ?? $"the service answered {refused.Status?.ToString() ?? "with no status"}");
                    break;
            }
        }
        return unclear;
    }

    /// <summary>A result's message as every server message is shown: secrets masked, cut to a readable length.</summary>
    private string? Message(ScimBulkResult result) => result.Detail is { } detail ? ServerMessage.Shorten(detail, redactor) : null;

    /// <summary>
    /// A request whose answer was lost may have been applied or not. A user it was to create is looked for, after each
    /// loss: one found is taken as created. The rest is sent once more, since each operation states what should be;
    /// lost again, the rows are left unsettled.
    /// </summary>
    private async Task LostAsync(LinkedList<ScimBulkOperation> queue, List<(ScimBulkOperation Operation, string Json)> batch, ScimBulkRows rows,
        IReadOnlyList<string> emails, string reason, CancellationToken cancellationToken)
    {
        var again = new List<(ScimBulkOperation Operation, string Json)>();
        foreach (var (operation, json) in batch)
        {
            // Looked for after every loss: the request sent again may be the one that created the user.
            if (operation.BulkId is { } bulkId && await findUserId(emails[operation.Row], cancellationToken) is { } id)
            {
                _createdIds[bulkId] = id;
                rows.Done(operation);
                continue;
            }
            if (operation.AnswerLost)
            {
                rows.Unsettle(operation, $"the service's answer was lost twice ({reason})");
                continue;
            }
            operation.AnswerLost = true;
            again.Add((operation, json));
        }
        Requeue(queue, again);
    }
}
