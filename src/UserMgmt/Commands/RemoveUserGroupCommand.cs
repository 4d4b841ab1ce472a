using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Removes users from groups; users not in them are skipped.</summary>
[Cmdlet(VerbsCommon.Remove, "UserGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OperationResult))]
public sealed class RemoveUserGroupCommand : MembershipCmdlet
{
    protected override bool IsAddition => false;
}
