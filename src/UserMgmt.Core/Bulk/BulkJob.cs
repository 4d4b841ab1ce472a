namespace UserMgmt.Bulk;

/// <summary>A server-side bulk job, and which input rows it carries.</summary>
public sealed record BulkJob
{
    // The vendor shows these while a job waits or runs; it shows no word for a finished job.
    private static readonly HashSet<string> Pending = new(StringComparer.OrdinalIgnoreCase) { "created", "valid_scheme", "in_progress" };
    // Words that end a job whatever its counters say: a file refused, or a run given up. Not from the vendor; kept
    // because a platform that stops half way leaves its counters short, and polling would then never end.
    private static readonly HashSet<string> Refusals = new(StringComparer.OrdinalIgnoreCase) { "invalid_scheme" };
    private static readonly HashSet<string> Breakdowns = new(StringComparer.OrdinalIgnoreCase) { "failed", "error", "cancelled", "canceled", "aborted" };
    private static readonly HashSet<string> Ends = new(StringComparer.OrdinalIgnoreCase) { "completed", "complete", "finished", "done", "processed", "success", "succeeded" };

    public required long Id { get; init; }
    public required string Status { get; init; }
    public string? Filename { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>When the platform was asked to process the job: null before that, and where it wrote a date no one can read.</summary>
    public DateTimeOffset? ProcessRequestedAt { get; init; }
    /// <summary>The platform says it was asked to process the job, whether or not its date could be read.</summary>
    public bool ProcessRequested { get; init; }
    /// <summary>Null until the platform has counted.</summary>
    public int? TotalRows { get; init; }
    public int? AffectedRows { get; init; }
    public int? FailedRows { get; init; }
    public string? UploadedBy { get; init; }
    public string? ProceededBy { get; init; }

    /// <summary>The errors the job's status carried, where the platform embeds them; empty otherwise.</summary>
    public IReadOnlyList<BulkJobError> Errors { get; init; } = [];

    /// <summary>The input rows in this job, in file order; empty for a job fetched by id alone.</summary>
    public IReadOnlyList<BulkUserRow> Rows { get; init; } = [];

    /// <summary>The platform refused the file as a whole: none of its rows were applied.</summary>
    public bool FileRefused => Refusals.Contains(Status) || Errors.Any(e => e.Kind == BulkErrorKind.Scheme && e.Severity == BulkErrorSeverity.Error);

    /// <summary>The platform gave the job up: which rows landed is not known.</summary>
    public bool BrokeDown => Breakdowns.Contains(Status) && !FileRefused;

    /// <summary>Every row counted as applied or failed.</summary>
    public bool AllCounted => TotalRows is > 0 and var total && AffectedRows is { } affected && FailedRows is { } failed && affected + failed >= total;

    /// <summary>
    /// Done with, judged from the counters and errors first: a status the vendor shows as waiting or running is
    /// never final; any other word is final once every row is counted, the file was refused, or it is a known end.
    /// </summary>
    public bool IsFinished => !Pending.Contains(Status) && (AllCounted || FileRefused || BrokeDown || Ends.Contains(Status));

    /// <summary>Finished with every row applied, as far as the platform says.</summary>
    public bool Succeeded => IsFinished && !FileRefused && !BrokeDown && (FailedRows ?? 0) == 0
        && (TotalRows is not { } total || AffectedRows is not { } affected || affected >= total);

    public override string ToString() => $"Job {Id} ({Status})";

    /// <summary>What became of the job's rows, in words; a refused file applied none of them.</summary>
    public string Describe()
    {
        var total = TotalRows is > 0 ? TotalRows.Value : Rows.Count;
        if (FileRefused)
            return $"{this}: the platform refused the file, so none of its {total} row(s) were applied"
                + (FailedRows is > 0 ? $"; {FailedRows} row(s) broke its rules." : ".");
        if (BrokeDown) return $"{this}: the job ended {Status}; {Counted(AffectedRows)} of {total} row(s) were applied.";
        return $"{this}: {Counted(FailedRows)} of {total} row(s) failed.";
    }

    private static string Counted(int? count) => count?.ToString() ?? "an uncounted number";
}
