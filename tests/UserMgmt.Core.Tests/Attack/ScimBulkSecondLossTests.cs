using Microsoft.AspNetCore.Http;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A Bulk request's answer is lost, the user it was to create is not there yet, and the request sent once more is
/// applied but its answer lost too. The user now exists: the row must say so, not be left open for the job to send a
/// creation the service refuses as a duplicate.
/// </summary>
public sealed class ScimBulkSecondLossTests
{
    [Fact]
    public async Task A_user_created_by_the_request_sent_again_after_a_lost_answer_is_found_when_that_answer_is_lost_too()
    {
        var directory = new List<object>();
        var requests = 0;
        await using var server = await ScimBulkService.StartAsync(directory, operations =>
        {
            // The first request fails before the service acts; the second is applied; both answers are lost.
            if (++requests == 2)
                foreach (var operation in operations.Where(ScimBulkService.IsCreation))
                    directory.Add(ScimServer.User($"new{directory.Count + 1}", (string)operation["data"]!["userName"]!));
            return Results.StatusCode(504);
        });
        using var connection = await ScimServer.ConnectAsync(server);

        var outcomes = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = "cy@example.com" }], Hostile.Hostile.Patience());

        Assert.Equal(UserChangeResult.Applied, Assert.Single(outcomes).Result);
        Assert.Equal(2, requests);
        Assert.Single(directory);
    }
}
