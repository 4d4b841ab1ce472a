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
        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("did not make the group change: Team 'Ghost' does not exist", r.Message));
    }

    [Fact]
    public async Task Upload_and_proceed_answers_lost_make_one_job_and_every_row_lands_once()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var users = await NamedUsersAsync(connection, 3);
        var group = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Read-Only-Access");
        // Every POST is processed, then its connection is cut before the answer.
        Sandbox.InjectFaults(new FaultSettings { ResetAfterRate = 1, Methods = "POST" });

        var results = await AddAsync(connection, users, group);

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(3, results.Count);
        Assert.Equal(1, Jobs());
        Assert.All(users, u => Assert.Contains(group.Name, Sandbox.GroupsOf(u.Email)));
    }

    [Fact]
    public async Task An_upload_throttled_then_failing_with_500_is_looked_up_and_sent_once()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var users = await NamedUsersAsync(connection, 3);
        var group = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Read-Only-Access");
        Sandbox.AnswerNextWith(HttpStatusCode.TooManyRequests, "application/json", """{"message":"slow down"}""", retryAfterSeconds: 0);
        Sandbox.AnswerNextWith(HttpStatusCode.InternalServerError, "application/json", """{"message":"oops"}""");

        var results = await AddAsync(connection, users, group);

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        Assert.Equal(3, results.Count);
        Assert.Equal(1, Jobs());
        Assert.All(users, u => Assert.Contains(group.Name, Sandbox.GroupsOf(u.Email)));
    }
    [Fact]
    public async Task The_same_row_given_twice_does_not_cost_a_second_job()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        string[] users = ["ada.lovelace@example.com", "ben.okafor@example.com", "ada.lovelace@example.com"];
        var location = new Dictionary<string, IReadOnlyList<string>> { ["location"] = ["Remote"] };
        await Sandbox.ClearRequestLogAsync();

        var disabled = await Rows.ApplyAsync(connection, p => p.PlanUserStateAsync(users.Select((u, i) => new UserStateRequest(i + 1, null, u)).ToList(), enable: false, default));
        var moved = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(users.Select((u, i) => new AttributeRequest(i + 1, null, u, location)).ToList(), default));

        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded, OperationStatus.Skipped], disabled.Select(r => r.Status));
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded, OperationStatus.Skipped], moved.Select(r => r.Status));
        Assert.Equal(2, await Sandbox.CallsAsync("POST", "/apps/api/v1/bulk/users/upload"));
        Assert.False(Sandbox.IsEnabled("ada.lovelace@example.com"));
    }
}
