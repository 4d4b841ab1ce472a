using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Adds users to groups; users already in them are skipped.</summary>
[Cmdlet(VerbsCommon.Add, "UserGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OperationResult))]
public sealed class AddUserGroupCommand : MembershipCmdlet
{
    /// <summary>Group names or ids; a "A; B" cell becomes two groups.</summary>
    /// <remarks>Binding a user's own Groups here is harmless: the user is already in them, so the row is skipped.</remarks>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Groups, ParameterAliases.GroupName)]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string[]? Group { get; set; }

    protected override string[]? Groups => Group;

    protected override bool IsAddition => true;
}
