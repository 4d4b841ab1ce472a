using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Enables accounts that were disabled.</summary>
[Cmdlet(VerbsLifecycle.Enable, "User", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OperationResult))]
public sealed class EnableUserCommand : UserStateCmdlet
{
    protected override bool Enable => true;
}
