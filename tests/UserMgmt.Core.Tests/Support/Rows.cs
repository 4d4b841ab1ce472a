using UserMgmt.Connections;
using UserMgmt.Operations;

namespace UserMgmt.Tests.Support;

/// <summary>Runs rows through the engine exactly as the cmdlets do: plan, approve all, apply.</summary>
public static class Rows
{
    public static IReadOnlyList<InvitationRequest> Invitations(IEnumerable<string?> emails, params string[] groups) =>
        emails.Select((e, i) => new InvitationRequest(i + 1, $"row {i + 1}", e, groups, SendEmail: true)).ToList();

    public static IReadOnlyList<MembershipRequest> Memberships(IEnumerable<string?> users, params string[] groups) =>
        users.Select((u, i) => new MembershipRequest(i + 1, $"row {i + 1}", u, groups)).ToList();

    /// <summary>Applies every planned step and returns all results, settled ones included, in row order.</summary>
    public static async Task<List<OperationResult>> ApplyAsync(UserMgmtConnection connection, Func<CommandPlanner, Task<CommandPlan>> plan)
    {
        var planned = await plan(new CommandPlanner(connection.Client));
        var results = new List<OperationResult>(planned.Settled);
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(planned.Steps, CancellationToken.None);
        return results.OrderBy(r => r.Row).ToList();
    }
}
