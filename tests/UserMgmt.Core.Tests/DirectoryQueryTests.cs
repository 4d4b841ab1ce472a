using UserMgmt.Providers;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Sandbox.Store;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

public sealed class DirectoryQueryTests : SandboxTest
{
    [Fact]
    public async Task Listing_stops_at_the_limit_and_reports_the_total()
    {
        using var connection = await Sandbox.ConnectAsync();
        var users = new List<User>();

        var total = await new DirectoryQueries(connection.Client).ListUsersAsync(null, 15, users.Add, default);

        Assert.Equal(15, users.Count);
        Assert.Equal(40, total);
    }

    [Fact]
    public async Task Listing_everything_pages_through_all_users_once_each()
    {
        using var connection = await Sandbox.ConnectAsync();
        await connection.Client.InviteAsync(Seeding.Addresses("bulk", 230));
        await Sandbox.ClearRequestLogAsync();
        var users = new List<User>();

        var total = await new DirectoryQueries(connection.Client).ListUsersAsync(null, null, users.Add, default);

        Assert.Equal(270, total);
        Assert.Equal(270, users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(3, await Sandbox.CallsAsync("GET", "/admin/api/users/list"));
    }

    [Fact]
    public async Task Users_map_to_the_canonical_model_with_status_groups_and_attributes()
    {
        using var connection = await Sandbox.ConnectAsync();
        var queries = new DirectoryQueries(connection.Client);

        var ada = await queries.FindUserAsync("ADA.LOVELACE@example.com", default);
        var disabled = await queries.FindUserAsync("user-034", default);
        var invited = await queries.FindUserAsync("user-037", default);
        var scim = await queries.FindUserAsync(DemoOrganisation.ScimManagedEmail, default);

        Assert.NotNull(ada);
        Assert.Equal("user-001", ada.Id);
        Assert.Equal(UserStatus.Active, ada.Status);
        Assert.Equal(["Administrators", "Analytics"], ada.Groups);
        Assert.Equal(["Analytics"], ada.Attributes["Department"]);
        Assert.Equal(UserStatus.Inactive, disabled!.Status);
        Assert.Equal(UserStatus.Invited, invited!.Status);
        Assert.True(scim!.ExternallyManaged);
        Assert.Null(await queries.FindUserAsync("nobody@example.com", default));
    }

    [Fact]
    public async Task Disabling_and_enabling_change_only_accounts_not_already_in_that_state()
    {
        using var connection = await Sandbox.ConnectAsync();
        const string active = "ada.lovelace@example.com";
        const string disabled = "ivan.petrov@example.com";
        Assert.False(Sandbox.IsEnabled(disabled));

        var disabling = await Rows.ApplyAsync(connection, p => p.PlanUserStateAsync(
            [new UserStateRequest(1, null, active), new UserStateRequest(2, null, disabled)], enable: false, default));
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Skipped], disabling.Select(r => r.Status));
        Assert.False(Sandbox.IsEnabled(active));

        var enabling = await Rows.ApplyAsync(connection, p => p.PlanUserStateAsync(
            [new UserStateRequest(1, null, active), new UserStateRequest(2, null, disabled)], enable: true, default));
        Assert.Equal([OperationStatus.Succeeded, OperationStatus.Succeeded], enabling.Select(r => r.Status));
        Assert.True(Sandbox.IsEnabled(active));
        Assert.True(Sandbox.IsEnabled(disabled));
    }

    [Fact]
    public async Task Creating_a_group_that_exists_is_skipped_and_a_new_one_is_created_once()
    {
        using var connection = await Sandbox.ConnectAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanNewGroupsAsync(
            [new NewGroupRequest(1, null, "analytics", null), new NewGroupRequest(2, null, "Finance", "Money"), new NewGroupRequest(3, null, "Finance", null), new NewGroupRequest(4, null, " ", null)], default));

        Assert.Equal([OperationStatus.Skipped, OperationStatus.Succeeded, OperationStatus.Skipped, OperationStatus.Failed], results.Select(r => r.Status));
        Assert.True(Sandbox.GroupExists("Finance"));
        Assert.StartsWith("created with id ", results[1].Message);
    }
}
