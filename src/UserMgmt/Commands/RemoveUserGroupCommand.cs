using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Removes users from groups; users not in them are skipped.</summary>
[Cmdlet(VerbsCommon.Remove, "UserGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = GroupSet)]
[OutputType(typeof(OperationResult))]
public sealed class RemoveUserGroupCommand : MembershipCmdlet
{
    private const string GroupSet = "Group";
    private const string AllSet = "All";

    /// <summary>Group names or ids; a "A; B" cell becomes two groups.</summary>
    /// <remarks>
    /// No "Groups" alias, unlike Add-UserGroup: a user object from Get-User carries Groups, the groups
    /// it is IN, and binding those would silently remove it from every one of them.
    /// </remarks>
    [Parameter(ParameterSetName = GroupSet, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.GroupName)]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string[]? Group { get; set; }

    /// <summary>Removes each user from every group it is in; asks first, as a High impact change.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    protected override string[]? Groups => Group;

    protected override bool AllGroups => All;

    protected override bool IsAddition => false;

    protected override bool IsHighImpact(PlannedStep step) => All;
}
