namespace UserMgmt.Operations;

/// <summary>What became of one input row. Every row a command receives ends as exactly one of these.</summary>
public sealed class OperationResult
{
    /// <summary>The row's position in the command's input, from 1.</summary>
    public required int Row { get; init; }
    /// <summary>The user or group the row is about.</summary>
    public required string Target { get; init; }
    public required string Operation { get; init; }
    public required OperationStatus Status { get; init; }
    public string Message { get; init; } = string.Empty;
    /// <summary>The HTTP status of the platform's last answer for this row, when there was one.</summary>
    public int? HttpStatus { get; init; }
    public int Attempts { get; init; }
    public TimeSpan Duration { get; init; }
    /// <summary>The row as it came in, so that a failed row can be sent again unchanged.</summary>
    public object? InputObject { get; init; }

    public override string ToString() => $"{Operation} {Target}: {Status}{(Message.Length > 0 ? " — " + Message : "")}";
}
