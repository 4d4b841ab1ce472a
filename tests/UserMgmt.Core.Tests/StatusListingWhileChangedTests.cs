using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Get-User -Status piped into a command that changes status (Get-User -Status Active | Disable-User): the command acts
/// while the listing goes on, so the listing must not lose users the platform's filtered offsets move past.
/// </summary>
public sealed class StatusListingWhileChangedTests : SandboxTest
{
    [Fact]
    public async Task Every_invited_user_is_listed_though_each_is_disabled_as_soon_as_it_is_listed()
    {
        // Invited, as users added straight to the directory are: enabled, never signed in, spread over many pages.
        Sandbox.AddUsers(300);
        using var connection = await Sandbox.ConnectAsync();
        var query = new UserQuery(Status: UserStatus.Invited);
        var before = new List<User>();
        await new DirectoryQueries(connection.Client).ListUsersAsync(query, 0, null, before.Add, default);
        var listed = new List<User>();

        await new DirectoryQueries(connection.Client).ListUsersAsync(query, 0, null, user =>
        {
            listed.Add(user);
            connection.Client.SetEnabledAsync(user.Id, false, default).GetAwaiter().GetResult();
        }, default);

        Assert.True(before.Count > 300, $"{before.Count} invited users");
        Assert.Equal(before.Select(u => u.Id), listed.Select(u => u.Id));
        Assert.Equal(listed.Count, listed.Select(u => u.Id).Distinct().Count());
    }
}
