namespace UserMgmt.Bulk;

/// <summary>A server-side bulk job, and which input rows it carries.</summary>
public sealed record BulkJob
{
    public required long Id { get; init; }
    public required string Status { get; init; }
    public string? Filename { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ProcessRequestedAt { get; init; }
    public int TotalRows { get; init; }
    public int AffectedRows { get; init; }
    public int FailedRows { get; init; }
    public string? UploadedBy { get; init; }
    public string? ProceededBy { get; init; }

    /// <summary>The input rows in this job, in file order; empty for a job fetched by id alone.</summary>
    public IReadOnlyList<BulkUserRow> Rows { get; init; } = [];

    /// <summary>Created, checked or being processed: the platform is not done with it.</summary>
    public bool IsFinished => Status is not ("created" or "valid_scheme" or "in_progress");

    /// <summary>Finished without the platform refusing any row.</summary>
    public bool Succeeded => IsFinished && Status == "completed" && FailedRows == 0;

    public override string ToString() => $"Job {Id} ({Status})";

    /// <summary>What became of the job's rows, in words; a refused file applied none of them.</summary>
    public string Describe()
    {
        var total = TotalRows > 0 ? TotalRows : Rows.Count;
        return Status switch
        {
            "invalid_scheme" => $"{this}: the platform refused the file, so none of its {total} row(s) were applied"
                + (FailedRows > 0 ? $"; {FailedRows} row(s) broke its rules." : "."),
            "completed" => $"{this}: {FailedRows} of {total} row(s) failed.",
            _ => $"{this}: the job ended {Status}; {AffectedRows} of {total} row(s) were applied.",
        };
    }
}
