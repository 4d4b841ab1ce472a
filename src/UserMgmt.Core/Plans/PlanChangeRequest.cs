using UserMgmt.Operations;

namespace UserMgmt.Plans;

/// <summary>A plan change as an engine row: its order is the row number and the change is the input object.</summary>
public sealed record PlanChangeRequest(PlanChange Change) : RowRequest(Change.Order, Change)
{
    public override string? Target => Change.Target;

    public OperationResult NotDone(string reason) => NotDone(Operation, reason);

    public string Operation => Change.Kind switch
    {
        ChangeKind.CreateGroup => OperationNames.CreateGroup,
        ChangeKind.AddMember => OperationNames.AddToGroup,
        ChangeKind.RemoveMember => OperationNames.RemoveFromGroup,
        ChangeKind.GrantRole => OperationNames.GrantRole,
        ChangeKind.RevokeRole => OperationNames.RevokeRole,
        ChangeKind.SetAttribute => OperationNames.SetAttribute,
        ChangeKind.DisableUser => OperationNames.Disable,
        _ => OperationNames.DeleteGroup,
    };
}
