using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.FakeProvider;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Get-User -Group and -Status ask the platform where its capabilities say it can answer, and read every
/// user otherwise; the request log shows which way was taken, and both ways list the same users in the same order.
/// </summary>
public sealed class ListingCapabilityTests : SandboxTest
{
    private const string UserList = "/admin/api/users/list";
    private const string GroupDetails = "/admin/api/groups/{groupId}";

    public ListingCapabilityTests() => RelabelledDescriptor.EnsureRegistered();

    /// <summary>
    /// A provider by name: Acceldata lists a group's members and filters by status; the test-only Relabelled
    /// speaks the same API (the same sandbox) but declares neither, so the engine reads every user there.
    /// </summary>
    private IUserProvider Provider(string name)
    {
        var descriptor = ProviderRegistry.Get(name);
        return descriptor.Create(Sandbox.Settings(provider: name), ProviderOptions.Resolve(descriptor, null));
    }

    private async Task<(List<string> Users, int Total)> ListAsync(IUserProvider provider, string? group, UserStatus? status)
    {
        var queries = new DirectoryQueries(provider);
        var found = group is null ? null : (await queries.ListGroupsAsync(group, default)).Single();
        var users = new List<User>();
        await Sandbox.ClearRequestLogAsync();
        var total = await queries.ListUsersAsync(new UserQuery(null, found, status), 0, null, users.Add, default);
        return (users.Select(u => $"{u.Id} {u.Email} {u.Status} {string.Join("|", u.Groups)} {u.ExternallyManaged}").ToList(), total);
    }

    private List<string> UserListQueries() =>
        Sandbox.Query("SELECT path FROM request_log WHERE endpoint = @e", r => r.GetString(0), ("@e", UserList));

    [Theory]
    [InlineData(null)]
    [InlineData(UserStatus.Inactive)]
    public async Task A_group_is_listed_by_its_members_where_the_platform_lists_them_and_by_every_user_where_not(UserStatus? status)
    {
        using var seed = await Sandbox.ConnectAsync();
        var contractors = (await seed.Client.ListGroupsAsync(default)).Single(g => g.Name == "Contractors");
        // More members than one call names by id, and more users than one page holds.
        await seed.Client.InviteAsync(Seeding.Addresses("member", 120), [contractors]);
        await seed.Client.InviteAsync(Seeding.Addresses("other", 90));
        await seed.Client.SetEnabledAsync((await new DirectoryQueries(seed.Client).FindUserAsync("member7@company.com", default))!.Id, false, default);

        using var asking = Provider("Acceldata");
        var (members, total) = await ListAsync(asking, "Contractors", status);
        var memberCalls = (Details: await Sandbox.CallsAsync("GET", GroupDetails), Lists: UserListQueries());

        using var reading = Provider(RelabelledDescriptor.ProviderName);
        var (everyone, everyoneTotal) = await ListAsync(reading, "Contractors", status);
        var everyCalls = (Details: await Sandbox.CallsAsync("GET", GroupDetails), Lists: UserListQueries());

        Assert.True(asking.Capabilities.ListsGroupMembers);
        Assert.False(reading.Capabilities.ListsGroupMembers);
        Assert.Equal(everyone, members);
        Assert.Equal(everyoneTotal, total);
        if (status is null) Assert.Equal(Sandbox.MembersOf("Contractors").Count, members.Count);
        else Assert.Contains(members, m => m.Contains(" member7@company.com Inactive "));
        Assert.Equal(1, memberCalls.Details);
        Assert.All(memberCalls.Lists, q => Assert.Contains("ids=", q));
        Assert.Equal((Sandbox.MembersOf("Contractors").Count + 49) / 50, memberCalls.Lists.Count);
        Assert.Equal(0, everyCalls.Details);
        Assert.All(everyCalls.Lists, q => Assert.DoesNotContain("ids=", q));
        Assert.Equal(3, everyCalls.Lists.Count);
    }

    [Theory]
    [InlineData(UserStatus.Inactive, "enabled=false")]
    [InlineData(UserStatus.Invited, "enabled=true")]
    [InlineData(UserStatus.Active, "enabled=true")]
    public async Task A_status_is_asked_of_the_platform_where_it_filters_and_kept_here_where_not(UserStatus status, string filter)
    {
        using var seed = await Sandbox.ConnectAsync();
        await seed.Client.InviteAsync(Seeding.Addresses("bulk", 230));

        using var filtering = Provider("Acceldata");
        var (asked, askedTotal) = await ListAsync(filtering, null, status);
        var askedQueries = UserListQueries();

        using var reading = Provider(RelabelledDescriptor.ProviderName);
        var (kept, keptTotal) = await ListAsync(reading, null, status);
        var keptQueries = UserListQueries();

        Assert.True(filtering.Capabilities.FiltersUsersByStatus);
        Assert.False(reading.Capabilities.FiltersUsersByStatus);
        Assert.NotEmpty(asked);
        Assert.Equal(kept, asked);
        Assert.Equal(keptTotal, askedTotal);
        Assert.All(askedQueries, q => Assert.Contains(filter, q));
        Assert.All(keptQueries, q => Assert.DoesNotContain("enabled=", q));
        Assert.Equal(3, keptQueries.Count);
        if (status == UserStatus.Inactive) Assert.Single(askedQueries);
    }

    [Fact]
    public async Task CCAI_Platform_declares_neither_and_still_answers_by_reading_every_user()
    {
        using var ccai = await Sandbox.ConnectCcaiAsync();

        var (inactive, _) = await ListAsync(ccai.Client, null, UserStatus.Inactive);

        Assert.False(ccai.Client.Capabilities.ListsGroupMembers);
        Assert.False(ccai.Client.Capabilities.FiltersUsersByStatus);
        Assert.NotEmpty(inactive);
        Assert.All(inactive, u => Assert.Contains(" Inactive ", u));
    }
}
