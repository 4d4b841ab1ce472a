namespace UserMgmt.Providers.Scim;

/// <summary>
/// A job's rows as Bulk operations, and how far each row got: what went through, and the first refusal or open end.
/// A row is applied when every operation went through; refused when one was refused, or when it ended open after
/// another had gone through (sending the row again would repeat what landed); otherwise left open, to be sent again.
/// </summary>
internal sealed class ScimBulkRows(int count)
{
    private readonly List<string>[] _done = Enumerable.Range(0, count).Select(_ => new List<string>()).ToArray();
    private readonly string?[] _refused = new string?[count];
    private readonly string?[] _open = new string?[count];

    public List<ScimBulkOperation> Operations { get; } = [];

    public bool IsSettled(int row) => _refused[row] is not null || _open[row] is not null;

    /// <summary>The row is refused before anything of it was sent.</summary>
    public void RefuseBeforeSending(int row, string reason) => _refused[row] ??= reason;

    public void Done(ScimBulkOperation operation) => _done[operation.Row].Add(operation.What);

    public void Refuse(ScimBulkOperation operation, string reason) =>
        _refused[operation.Row] ??= $"{Capitalised(operation.What)} was refused: {reason}";

    public void Unsettle(ScimBulkOperation operation, string reason)
    {
        if (_done[operation.Row].Count > 0) Refuse(operation, reason);
        else _open[operation.Row] ??= $"{operation.What}: {reason}";
    }

    public IReadOnlyList<UserChangeOutcome> Outcomes() => Enumerable.Range(0, _refused.Length).Select(Outcome).ToList();

    private UserChangeOutcome Outcome(int row)
    {
        if (_refused[row] is { } refusal)
            return new UserChangeOutcome(UserChangeResult.Refused, refusal + (_done[row].Count > 0 ? $" ({string.Join(", ", _done[row])} went through)" : ""));
        if (_open[row] is { } open) return new UserChangeOutcome(UserChangeResult.NotApplied, open);
        return UserChangeOutcome.Applied;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
