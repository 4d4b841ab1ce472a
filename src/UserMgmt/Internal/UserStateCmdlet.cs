using System.Management.Automation;
using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

/// <summary>The parameters and rows shared by Enable-User and Disable-User.</summary>
public abstract class UserStateCmdlet : BulkCmdlet<UserStateRequest>
{
    /// <summary>The user's email address or id.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Email, ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName, ParameterAliases.Id, ParameterAliases.UserId)]
    public string[]? User { get; set; }

    protected abstract bool Enable { get; }

    protected override string Operation => Enable ? OperationNames.Enable : OperationNames.Disable;

    protected override IEnumerable<UserStateRequest> CreateRequests()
    {
        foreach (var user in RowValues.EachOrMissing(User))
        {
            var (row, input) = NextRow(new Dictionary<string, object?> { ["User"] = user });
            yield return new UserStateRequest(row, input, user);
        }
    }

    internal override Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<UserStateRequest> requests, CancellationToken cancellationToken) =>
        planner.PlanUserStateAsync(requests, Enable, cancellationToken);
}
