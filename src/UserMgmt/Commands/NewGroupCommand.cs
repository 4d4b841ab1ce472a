using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Creates groups; a group that already exists is skipped.</summary>
[Cmdlet(VerbsCommon.New, "Group", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OperationResult))]
public sealed class NewGroupCommand : BulkCmdlet<NewGroupRequest>
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.GroupName, "Group")]
    public string[]? Name { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    protected override string Operation => OperationNames.CreateGroup;

    protected override IEnumerable<NewGroupRequest> CreateRequests()
    {
        foreach (var name in RowValues.EachOrMissing(Name))
        {
            var (row, input) = NextRow(new Dictionary<string, object?> { ["Name"] = name, ["Description"] = Description });
            yield return new NewGroupRequest(row, input, name, Description);
        }
    }

    internal override Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<NewGroupRequest> requests, CancellationToken cancellationToken) =>
        planner.PlanNewGroupsAsync(requests, cancellationToken);
}
