using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Plans;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>A CCAI job that warns it left out a role without saying in which row: no change of that role is reported made.</summary>
public sealed class CcaiRoleWarningTests
{
    private static async Task<List<OperationResult>> GrantAsync(CcaiJobServer server, params string[] roles)
    {
        using var client = HostileClient.Client(server.Server, "Ccai");
        var steps = roles.Select((role, i) =>
        {
            var user = new User { Id = $"u{i + 1}", Email = CcaiJobServer.Email(i + 1), FirstName = $"First{i + 1}", LastName = $"Last{i + 1}" };
            var change = new PlanChange(i + 1, ChangeKind.GrantRole, user.Email) { Role = role };
            return (PlannedStep)new RoleStep(new PlanChangeRequest(change), user, role, grant: true, OperationNames.GrantRole);
        }).ToList();
        var results = new List<OperationResult>();
        await new PlanExecutor(client, r => { lock (results) results.Add(r); }).ApplyAsync(steps, HostileClient.Patience());
        return results.OrderBy(r => r.Row).ToList();
    }

    [Fact]
    public async Task A_role_warning_without_its_row_fails_the_changes_of_the_role_it_names_and_no_other()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("completed",
            UpdateErrors: """[{"message":"Role 'Ghost' does not exist","column":10,"row":null,"error_type":"warning"}]"""));

        var results = await GrantAsync(server, "Ghost", "Supervisor", "Ghost");

        Assert.Equal([OperationStatus.Failed, OperationStatus.Succeeded, OperationStatus.Failed], results.Select(r => r.Status));
        Assert.Contains("Role 'Ghost' does not exist", results[0].Message);
    }

    [Fact]
    public async Task A_role_warning_without_its_row_naming_no_role_sent_fails_every_role_change()
    {
        await using var server = await CcaiJobServer.StartAsync(_ => new JobEnding("completed",
            UpdateErrors: """[{"message":"A role was left out","column":10,"row":null,"error_type":"warning"}]"""));

        var results = await GrantAsync(server, "Agent", "Supervisor");

        Assert.All(results, r => Assert.Equal(OperationStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Contains("A role was left out", r.Message));
    }
}
