using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A Bulk service applies only some operations and answers only for those, without bulkIds. Two rows joining the same
/// group send two operations with the same path, so one result with that location cannot say whose it is: neither
/// row may be told it was applied on its strength.
/// </summary>
public sealed class ScimBulkLocationPairingTests
{
    private static readonly Group Staff = new() { Id = "g1", Name = "Staff" };

    [Fact]
    public async Task One_result_for_two_operations_on_the_same_group_applies_neither_row()
    {
        await using var server = await ScimBulkService.StartAsync([], operations =>
        {
            // Only the last operation is applied and answered for.
            return ScimBulkService.Answer([ScimBulkService.Result(operations[^1], "200")]);
        });
        using var connection = await ScimServer.ConnectAsync(server);
        var ann = new User { Id = "1", Email = "ann@example.com" };
        var bo = new User { Id = "2", Email = "bo@example.com" };

        var outcomes = await connection.Client.ApplyUserChangesAsync(
            [new UserChange { Email = ann.Email, Existing = ann, Join = [Staff] }, new UserChange { Email = bo.Email, Existing = bo, Join = [Staff] }],
            Hostile.Hostile.Patience());

        Assert.NotEqual(UserChangeResult.Applied, outcomes[0].Result);
    }
}
