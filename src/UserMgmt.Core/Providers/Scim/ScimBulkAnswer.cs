using System.Globalization;
using System.Text.Json;

namespace UserMgmt.Providers.Scim;

/// <summary>How one operation of a Bulk request ended, as the BulkResponse says (RFC 7644 §3.7.3).</summary>
internal sealed record ScimBulkResult(string? Method, string? BulkId, string? Location, int? Status, string? Detail, string? CreatedId)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Refused for now rather than for good: sending the operation again later may work.</summary>
    public bool ForNow => Status is 429 or >= 500;
}

/// <summary>
/// Reads a BulkResponse and pairs its results with the operations sent. Services differ in what they echo: a
/// created resource's bulkId always (§3.7.3), other operations' only sometimes, so results are paired by bulkId,
/// else in order when there are as many as were sent, else by method and location where only one operation fits.
/// </summary>
internal static class ScimBulkAnswer
{
    public static IReadOnlyList<ScimBulkResult?> Pair(string? answer, IReadOnlyList<ScimBulkOperation> sent)
    {
        var results = Results(answer);
        var paired = new ScimBulkResult?[sent.Count];
        var used = new bool[results.Count];
        for (var i = 0; i < sent.Count; i++)
        {
            if (sent[i].BulkId is not { } bulkId) continue;
            var match = results.FindIndex(r => r.BulkId == bulkId);
            if (match >= 0) (paired[i], used[match]) = (results[match], true);
        }
        var inOrder = results.Count == sent.Count;
        for (var i = 0; i < sent.Count; i++)
        {
            if (paired[i] is not null) continue;
            var match = inOrder && !used[i] && SameMethod(results[i], sent[i]) && results[i].BulkId is null && Fits(results[i].Location, sent[i]) ? i
                : HasTwin(sent, paired, i) ? -1
                : FirstUnused(results, used, r => SameMethod(r, sent[i]) && r.BulkId is null && r.Location is not null && Fits(r.Location, sent[i]));
            if (match >= 0) (paired[i], used[match]) = (results[match], true);
        }
        return paired;
    }

    /// <summary>
    /// Another operation not yet paired does the same to the same resource (two rows joining one group): a location
    /// cannot tell whose a result is, and taking it for the wrong one would tell a row it was applied when it was not.
    /// </summary>
    private static bool HasTwin(IReadOnlyList<ScimBulkOperation> sent, ScimBulkResult?[] paired, int i) =>
        Enumerable.Range(0, sent.Count).Any(j => j != i && paired[j] is null
            && string.Equals(sent[j].Method, sent[i].Method, StringComparison.OrdinalIgnoreCase) && sent[j].Path == sent[i].Path);

    private static int FirstUnused(List<ScimBulkResult> results, bool[] used, Func<ScimBulkResult, bool> fits)
    {
        for (var i = 0; i < results.Count; i++)
            if (!used[i] && fits(results[i])) return i;
        return -1;
    }

    private static List<ScimBulkResult> Results(string? answer)
    {
        try
        {
            // A document, not nodes: a service repeating a name (in any case) is read by its first, not refused.
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(answer) ? "{}" : answer);
            var operations = Property(document.RootElement, "Operations") is { ValueKind: JsonValueKind.Array } list
                ? list
                : throw new FormatException("The service's answer to a Bulk request has no list of Operations.");
            return operations.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object).Select(Result).ToList();
        }
        catch (JsonException e)
        {
            throw new FormatException($"The service's answer to a Bulk request is not JSON: {e.Message}");
        }
    }

    private static ScimBulkResult Result(JsonElement operation)
    {
        var response = Property(operation, "response");
        var status = Property(operation, "status");
        var location = Text(Property(operation, "location"));
        return new ScimBulkResult(
            Text(Property(operation, "method")),
            Text(Property(operation, "bulkId")),
            location,
            StatusOf(status) ?? StatusOf(Property(response, "status")),
            // The error body's detail (§3.12), else the status's own description (§3.7.3), else its scimType.
            Text(Property(response, "detail")) ?? Text(Property(status, "description")) ?? Text(Property(response, "scimType")),
            Text(Property(response, "id")) ?? LastSegment(location));
    }

    /// <summary>A member of an object by name in any case: attribute names are case-insensitive in SCIM (RFC 7643 §2.1).</summary>
    private static JsonElement? Property(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } holder) return null;
        foreach (var property in holder.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    /// <summary>A string as is, a number as written, anything else as nothing.</summary>
    private static string? Text(JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.String => element.Value.GetString(),
        JsonValueKind.Number => element.Value.GetRawText(),
        _ => null,
    };

    /// <summary>The RFC's "201", a number, or the "code" of an object: services write it each way.</summary>
    private static int? StatusOf(JsonElement? status)
    {
        var text = status is { ValueKind: JsonValueKind.Object } ? Text(Property(status, "code")) : Text(status);
        return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and < 600 ? code : null;
    }

    private static string? LastSegment(string? location)
    {
        var path = location is null ? null : Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.AbsolutePath : location.Split('?')[0];
        var segment = path?.TrimEnd('/').Split('/')[^1];
        return string.IsNullOrEmpty(segment) ? null : Uri.UnescapeDataString(segment);
    }

    private static bool SameMethod(ScimBulkResult result, ScimBulkOperation operation) =>
        result.Method is null || string.Equals(result.Method, operation.Method, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A result's location fits an operation when it names the resource changed, or for a creation one within the
    /// resources created at; a result without a location fits any.
    /// </summary>
    private static bool Fits(string? location, ScimBulkOperation operation)
    {
        if (location is null) return true;
        var path = (Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.AbsolutePath : location.Split('?')[0]).TrimEnd('/');
        return string.Equals(operation.Method, "POST", StringComparison.OrdinalIgnoreCase)
            ? path[..Math.Max(0, path.LastIndexOf('/'))].EndsWith(operation.Path, StringComparison.Ordinal)
            : path.EndsWith(operation.Path, StringComparison.Ordinal);
    }
}
