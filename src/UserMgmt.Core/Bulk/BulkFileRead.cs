namespace UserMgmt.Bulk;

/// <summary>What reading one bulk file gave: the rows that read cleanly, and every problem found.</summary>
public sealed class BulkFileRead
{
    public required string File { get; init; }

    /// <summary>Rows without problems, in file order. A file with problems should not be sent in part.</summary>
    public required IReadOnlyList<BulkUserRow> Rows { get; init; }

    public required IReadOnlyList<BulkFileProblem> Problems { get; init; }

    public override string ToString() => $"{File}: {Rows.Count} row(s), {Problems.Count} problem(s)";
}
