using System.Management.Automation;
using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

/// <summary>The parameters and rows shared by Add-UserGroup and Remove-UserGroup.</summary>
public abstract class MembershipCmdlet : BulkCmdlet<MembershipRequest>
{
    /// <summary>The user's email address or id.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Email, ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName, ParameterAliases.Id, ParameterAliases.UserId)]
    public string[]? User { get; set; }

    /// <summary>Group names or ids as bound; each command declares its own -Group, since they bind from different columns.</summary>
    protected abstract string[]? Groups { get; }

    /// <summary>Whether each row means every group its user is in.</summary>
    protected virtual bool AllGroups => false;

    protected abstract bool IsAddition { get; }

    protected override string Operation => IsAddition ? OperationNames.AddToGroup : OperationNames.RemoveFromGroup;

    protected override IEnumerable<MembershipRequest> CreateRequests()
    {
        foreach (var user in RowValues.EachOrMissing(User))
        {
            var (row, input) = NextRow(new Dictionary<string, object?> { ["User"] = user, ["Group"] = Groups });
            yield return new MembershipRequest(row, input, user, Groups, AllGroups);
        }
    }

    internal override Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<MembershipRequest> requests, CancellationToken cancellationToken) =>
        planner.PlanMembershipAsync(requests, IsAddition, cancellationToken);
}
