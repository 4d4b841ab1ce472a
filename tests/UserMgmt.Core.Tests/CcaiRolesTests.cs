using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>CCAI Platform's roles are those its bulk template names: Get-Role lists them; an invitation cannot give one.</summary>
public sealed class CcaiRolesTests : SandboxTest
{
    [Fact]
    public async Task The_roles_are_the_templates_by_name()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();

        var roles = await connection.Client.ListRolesAsync(default);

        Assert.Equal(Sandbox.Query("SELECT name FROM roles ORDER BY name", r => r.GetString(0)), roles.Select(r => r.Name));
        Assert.All(roles, r => Assert.Equal(r.Name, r.Id));
    }

    [Fact]
    public async Task An_invitation_naming_a_role_fails_its_row_pointing_to_bulk_jobs_and_sends_nothing()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            [new InvitationRequest(1, null, "nia@company.com", null, false) { LastName = "Obi", Roles = ["Agent"] }], default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Contains("Start-BulkJob", result.Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }
}
