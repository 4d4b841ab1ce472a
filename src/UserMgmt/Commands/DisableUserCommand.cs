using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Disables accounts. Users lose access at once, so it asks for confirmation by default.</summary>
[Cmdlet(VerbsLifecycle.Disable, "User", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OperationResult))]
public sealed class DisableUserCommand : UserStateCmdlet
{
    protected override bool Enable => false;
}
