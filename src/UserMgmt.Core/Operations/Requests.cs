namespace UserMgmt.Operations;

// One record per input row, as the cmdlets bind it. Row is the 1-based position in the input;
// InputObject is the row as received, carried through to its result.

public abstract record RowRequest(int Row, object? InputObject)
{
    /// <summary>The user or group the row names, as given.</summary>
    public abstract string? Target { get; }

    /// <summary>The result of this row, settled without a change being applied.</summary>
    public OperationResult Settled(string operation, OperationStatus status, string message, string? target = null) => new()
    {
        Row = Row,
        InputObject = InputObject,
        Target = target ?? Target ?? "(none)",
        Operation = operation,
        Status = status,
        Message = message,
    };

    /// <summary>The result of a row that was never worked on: failed, saying why, so it can be sent again.</summary>
    public OperationResult NotDone(string operation, string reason) => Settled(operation, OperationStatus.Failed, $"Not done: {reason}.");
}

public sealed record InvitationRequest(int Row, object? InputObject, string? Email, IReadOnlyList<string>? Groups, bool SendEmail)
    : RowRequest(Row, InputObject)
{
    public override string? Target => Email;
    public string? FirstName { get; init; }
    public string? LastName { get; init; }

    /// <summary>Roles by name or id, organisations by id, and an identity provider by name, prefix or id, as typed.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
    public IReadOnlyList<string>? Organizations { get; init; }
    public string? IdentityProvider { get; init; }
}

/// <summary>A user named by email or id, and the groups (names or ids) to add or remove.</summary>
/// <param name="AllGroups">Every group the user is in, instead of <paramref name="Groups"/> (Remove-UserGroup -All).</param>
public sealed record MembershipRequest(int Row, object? InputObject, string? User, IReadOnlyList<string>? Groups, bool AllGroups = false)
    : RowRequest(Row, InputObject)
{
    public override string? Target => User;
}

public sealed record AttributeRequest(int Row, object? InputObject, string? User, IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes)
    : RowRequest(Row, InputObject)
{
    public override string? Target => User;
}

public sealed record UserStateRequest(int Row, object? InputObject, string? User)
    : RowRequest(Row, InputObject)
{
    public override string? Target => User;
}

public sealed record NewGroupRequest(int Row, object? InputObject, string? Name, string? Description)
    : RowRequest(Row, InputObject)
{
    public override string? Target => Name;
}
