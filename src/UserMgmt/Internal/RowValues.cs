namespace UserMgmt.Commands.Internal;

internal static class RowValues
{
    /// <summary>
    /// One entry per value, or a single null when none was bound, so that a row missing the column
    /// still becomes a row (and a result naming the missing field) rather than vanishing.
    /// </summary>
    public static IEnumerable<string?> EachOrMissing(string[]? values) =>
        values is { Length: > 0 } ? values : new string?[] { null };
}
