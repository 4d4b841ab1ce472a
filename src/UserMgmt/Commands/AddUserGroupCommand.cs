using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Adds users to groups; users already in them are skipped.</summary>
[Cmdlet(VerbsCommon.Add, "UserGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OperationResult))]
public sealed class AddUserGroupCommand : MembershipCmdlet
{
    protected override bool IsAddition => true;
}
