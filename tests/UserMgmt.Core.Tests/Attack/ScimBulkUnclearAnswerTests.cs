using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Bulk answers that come back but do not say how an operation ended: a 200 that is no BulkResponse, a creation's
/// result left out or with a status nobody can read. The service may have applied the operation, so it is handled as
/// an answer lost: a user it was to create is looked for before anything is sent again, and every row gets its result.
/// </summary>
public sealed class ScimBulkUnclearAnswerTests
{
    private const string OneOperationPerRequest =
        """{"patch":{"supported":true},"filter":{"supported":true},"bulk":{"supported":true,"maxOperations":1,"maxPayloadSize":1048576}}""";

    private static readonly Group Staff = new() { Id = "g1", Name = "Staff" };

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkResponse"]}""", "application/scim+json")]
    [InlineData("""{"Operations":"all done"}""", "application/json")]
    [InlineData("Done.", "text/plain")]
    public async Task A_200_that_is_no_BulkResponse_after_an_earlier_request_went_through_still_gives_each_row_its_result(string body, string type)
    {
        var requests = 0;
        await using var server = await ScimBulkService.StartAsync([], operations =>
            ++requests == 2 ? Results.Text(body, type) : ScimBulkService.Answer(operations.Select(o => ScimBulkService.Result(o, "200"))),
            config: OneOperationPerRequest);
        using var connection = await ScimServer.ConnectAsync(server);
        var ann = new User { Id = "1", Email = "ann@example.com" };
        var bo = new User { Id = "2", Email = "bo@example.com" };

        var outcomes = await connection.Client.ApplyUserChangesAsync(
            [new UserChange { Email = ann.Email, Existing = ann, Join = [Staff] }, new UserChange { Email = bo.Email, Existing = bo, Join = [Staff] }],
            Hostile.Hostile.Patience());

        Assert.Equal([UserChangeResult.Applied, UserChangeResult.Applied], outcomes.Select(o => o.Result));
        // Bo's join went once more after the unreadable answer; adding a member twice leaves one membership.
        Assert.Equal(3, requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("201 Created")]
    public async Task A_creation_the_answer_leaves_unclear_is_looked_up_not_sent_again(string? creationStatus)
    {
        var directory = new List<object>();
        var creations = 0;
        await using var server = await ScimBulkService.StartAsync(directory, operations =>
        {
            var results = new List<object>();
            foreach (var operation in operations)
            {
                if (!ScimBulkService.IsCreation(operation))
                {
                    results.Add(ScimBulkService.Result(operation, "200"));
                    continue;
                }
                directory.Add(ScimServer.User($"new{++creations}", (string)operation["data"]!["userName"]!));
                // The creation's result is left out, or given a status of its own making.
                if (creationStatus is not null) results.Add(ScimBulkService.Result(operation, creationStatus));
            }
            return ScimBulkService.Answer(results);
        });
        using var connection = await ScimServer.ConnectAsync(server);

        var outcomes = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = "cy@example.com", Join = [Staff] }], Hostile.Hostile.Patience());

        Assert.Equal(UserChangeResult.Applied, Assert.Single(outcomes).Result);
        Assert.Equal(1, creations);
    }
}
