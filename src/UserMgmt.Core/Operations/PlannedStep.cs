using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// One change the engine intends to make for one input row. The cmdlet shows its description to
/// ShouldProcess; only approved steps are applied.
/// </summary>
public abstract class PlannedStep(RowRequest request, string target, string operation)
{
    public int Row { get; } = request.Row;
    public object? InputObject { get; } = request.InputObject;
    public string Target { get; } = target;
    public string Operation { get; } = operation;

    /// <summary>What will be done, in words for a what-if line or a confirmation prompt.</summary>
    public abstract string Description { get; }

    /// <summary>What was done, for the result of a step that succeeded.</summary>
    public abstract string DoneMessage { get; }

    /// <summary>Applies this step alone; steps that only ever go in batches (invitations) have no call of their own.</summary>
    internal virtual Task ApplyAsync(IUserProvider provider, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Operation} steps are sent in batches, never alone.");

    /// <summary>The step as one user's change, for platforms that change users through jobs; null for changes to groups.</summary>
    internal virtual UserChange? AsUserChange() => null;

    public OperationResult ToResult(OperationStatus status, string message, int? httpStatus = null, int attempts = 0, TimeSpan duration = default) => new()
    {
        Row = Row,
        InputObject = InputObject,
        Target = Target,
        Operation = Operation,
        Status = status,
        Message = message,
        HttpStatus = httpStatus,
        Attempts = attempts,
        Duration = duration,
    };

    public override string ToString() => Description;

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
