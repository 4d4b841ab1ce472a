using UserMgmt.Model;
using UserMgmt.Providers;
using UserMgmt.Tests.Scim;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A value that reads "bulkId:row0" is, to a Bulk service, a reference to the user the operation with that bulkId
/// creates (RFC 7644 §3.7.2): the scimmy peer writes the new user's id in its place. A row carrying such text must
/// still set exactly what it says, or say it did not.
/// </summary>
public sealed class ScimBulkReferenceTextTests
{
    [Fact]
    public async Task A_value_reading_like_a_bulkId_reference_is_set_as_written_beside_a_user_created_in_the_same_job()
    {
        await using var peer = await ScimPeer.StartAsync();
        using var connection = await ScimTenants.ConnectAsync(peer);
        var provider = connection.Client;
        const string kara = "kara.singh@example.com";
        var existing = (await provider.ListUsersAsync(kara, 0, 10, default)).Users.Single(u => u.Email == kara);
        var department = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["department"] = ["bulkId:row0"] };

        var outcomes = await provider.ApplyUserChangesAsync(
        [
            new UserChange { Email = "bulk.newcomer@company.com", FirstName = "New", LastName = "Comer" },
            new UserChange { Email = kara, Existing = existing, Attributes = department },
        ], default);

        Assert.Equal([UserChangeResult.Applied, UserChangeResult.Applied], outcomes.Select(o => o.Result));
        Assert.Equal("bulkId:row0", await peer.DepartmentAsync(kara));
    }
}
