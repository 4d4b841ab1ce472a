using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

/// <summary>The exception behind the non-terminating error of a failed row.</summary>
public sealed class RowFailedException(OperationResult result)
    : Exception($"Row {result.Row} ({result.Target}): {result.Operation} failed: {result.Message}")
{
    public OperationResult Result { get; } = result;
}
