using System.Net;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>CCAI change jobs against the sandbox when the platform warns, or its answers go missing.</summary>
public sealed class CcaiJobSandboxTests : SandboxTest
{
    private int Jobs() => Sandbox.Query("SELECT COUNT(*) FROM bulk_jobs", r => r.GetInt32(0)).Single();

    private static async Task<List<User>> NamedUsersAsync(UserMgmtConnection connection, int count) =>
        (await connection.Client.ListUsersAsync(null, 0, 100, default)).Users.Where(u => u.LastName is not null).Take(count).ToList();

    private static async Task<List<OperationResult>> AddAsync(UserMgmtConnection connection, IReadOnlyList<User> users, Group group)
    {
        var steps = users.Select((u, i) => (PlannedStep)new MembershipStep(new MembershipRequest(i + 1, $"row {i + 1}", u.Email, [group.Name]), u, [group], add: true, OperationNames.AddToGroup)).ToList();
        var results = new List<OperationResult>();
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(steps, default);
        return results.OrderBy(r => r.Row).ToList();
    }

    [Fact]
    public async Task A_team_the_platform_left_out_with_a_warning_is_not_reported_as_simply_joined()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var users = await NamedUsersAsync(connection, 2);
        // Deleted in the portal after the command read the teams: the job applies the row without it and says so only in its log.
        var ghost = new Group { Id = "Ghost", Name = "Ghost" };

        var results = await AddAsync(connection, users, ghost);

        Assert.Equal([1, 2], results.Select(r => r.Row));
        Assert.All(results, r => Assert.Contains("Team 'Ghost' does not exist", r.Message));
    }
}
