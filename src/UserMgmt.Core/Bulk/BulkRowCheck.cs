namespace UserMgmt.Bulk;

/// <summary>Rows checked before upload: those the platform would take, and each refused row with every problem it has.</summary>
public sealed record BulkRowCheck(IReadOnlyList<BulkUserRow> Accepted, IReadOnlyList<RefusedBulkRow> Refused);

public sealed record RefusedBulkRow(BulkUserRow Row, IReadOnlyList<BulkJobError> Problems)
{
    /// <summary>"row 2, email: ...; row 2, last_name: ...": every problem, each naming row and field.</summary>
    public string Message => string.Join("; ", Problems);
}
