namespace UserMgmt.Bulk;

public enum BulkErrorKind
{
    /// <summary>The file broke the platform's rules; the job applied nothing.</summary>
    Scheme,
    /// <summary>The platform could not apply a row (error) or applied it in part (warning).</summary>
    Update,
}

public enum BulkErrorSeverity
{
    Error,
    Warning,
}

/// <summary>A problem the platform (or local validation) found, traced back to the input row and file.</summary>
public sealed class BulkJobError
{
    public long? JobId { get; init; }
    public required BulkErrorKind Kind { get; init; }
    public BulkErrorSeverity Severity { get; init; } = BulkErrorSeverity.Error;
    public required string Message { get; init; }
    /// <summary>The file column the problem is in, by name.</summary>
    public string? Column { get; init; }
    /// <summary>The row within the job's file, from 1.</summary>
    public int? FileRow { get; init; }
    /// <summary>The row within the command's input, from 1.</summary>
    public int? SourceRow { get; init; }
    public string? SourceFile { get; init; }
    public string? Email { get; init; }
    /// <summary>The input row as it came in.</summary>
    public object? InputObject { get; init; }

    public override string ToString() =>
        $"{(SourceFile is null ? "" : SourceFile + ", ")}row {SourceRow?.ToString() ?? "?"}{(Column is null ? "" : $", {Column}")}: {Message}";
}
