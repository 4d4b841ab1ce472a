namespace UserMgmt.Operations;

/// <summary>The operation names results carry.</summary>
public static class OperationNames
{
    public const string Invite = "Invite";
    public const string AddToGroup = "AddToGroup";
    public const string RemoveFromGroup = "RemoveFromGroup";
    public const string GrantRole = "GrantRole";
    public const string RevokeRole = "RevokeRole";
    public const string SetAttribute = "SetAttribute";
    public const string Enable = "Enable";
    public const string Disable = "Disable";
    public const string CreateGroup = "CreateGroup";
    public const string DeleteGroup = "DeleteGroup";
}
