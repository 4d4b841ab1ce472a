using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Bulk services that misbehave: one that takes fewer operations than it says, one whose answers are lost after it
/// applied the request, one that never answers, and one that says it has Bulk but has no /Bulk.
/// </summary>
public sealed class ScimBulkServiceTests
{
    private static readonly Group Staff = new() { Id = "g1", Name = "Staff" };

    [Fact]
    public async Task A_service_taking_fewer_operations_than_it_says_gets_smaller_requests_and_each_operation_once()
    {
        var applied = new List<string>();
        await using var server = await StartAsync([], (operations, answer) =>
        {
            if (operations.Count > 2) return Results.Json(new { detail = "Too many operations" }, statusCode: 413);
            foreach (var operation in operations) applied.Add(Member(operation));
            return answer(operations.Select(_ => "200"));
        });
        using var connection = await ScimServer.ConnectAsync(server);
        var users = Enumerable.Range(1, 6).Select(i => Existing($"{i}", $"user{i}@example.com")).ToList();

        var outcomes = await connection.Client.ApplyUserChangesAsync(users.Select(u => new UserChange { Email = u.Email, Existing = u, Join = [Staff] }).ToList(),
            Hostile.Hostile.Patience());

        Assert.All(outcomes, o => Assert.Equal(UserChangeResult.Applied, o.Result));
        Assert.Equal(users.Select(u => u.Id).Order(), applied.Order());
    }

    [Fact]
    public async Task An_answer_lost_after_the_service_created_the_users_creates_nobody_twice_and_finishes_the_rows()
    {
        var directory = new List<object>();
        var created = 0;
        var joined = new List<string>();
        var requests = 0;
        await using var server = await StartAsync(directory, (operations, answer) =>
        {
            foreach (var operation in operations)
            {
                if ((string?)operation["method"] == "POST")
                {
                    var id = $"new{++created}";
                    directory.Add(ScimServer.User(id, (string)operation["data"]!["userName"]!));
                }
                else joined.Add(Member(operation));
            }
            // The first answer is lost on the way back, after everything was applied.
            return ++requests == 1 ? Results.StatusCode(502) : answer(operations.Select(o => (string?)o["method"] == "POST" ? "201" : "200"));
        });
        using var connection = await ScimServer.ConnectAsync(server);

        var outcomes = await connection.Client.ApplyUserChangesAsync(
            [new UserChange { Email = "ann@example.com", Join = [Staff] }, new UserChange { Email = "bo@example.com", Join = [Staff] }], Hostile.Hostile.Patience());

        Assert.All(outcomes, o => Assert.Equal(UserChangeResult.Applied, o.Result));
        Assert.Equal(2, created);
        Assert.Equal(2, requests);
        // The joins went once by bulkId, then again by the ids found: adding a member twice leaves one membership.
        Assert.Equal(["bulkId:row0", "bulkId:row1", "new1", "new2"], joined.Order());
    }

    [Fact]
    public async Task A_BulkResponse_without_results_is_taken_as_lost_and_the_rows_still_end_applied_without_a_second_creation()
    {
        var directory = new List<object>();
        var requests = 0;
        await using var server = await StartAsync(directory, (operations, answer) =>
        {
            foreach (var operation in operations.Where(o => (string?)o["method"] == "POST"))
                directory.Add(ScimServer.User($"new{directory.Count + 1}", (string)operation["data"]!["userName"]!));
            return ++requests == 1 ? Results.Text("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkResponse"],"Operation":[]}""", "application/scim+json") : answer(operations.Select(_ => "200"));
        });
        using var connection = await ScimServer.ConnectAsync(server);

        var outcomes = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = "ann@example.com", Join = [Staff] }], Hostile.Hostile.Patience());

        Assert.Equal(UserChangeResult.Applied, Assert.Single(outcomes).Result);
        Assert.Single(directory);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_service_whose_answers_are_always_lost_leaves_the_rows_open_after_two_requests()
    {
        var requests = 0;
        await using var server = await StartAsync([], (_, _) =>
        {
            requests++;
            return Results.StatusCode(504);
        });
        using var connection = await ScimServer.ConnectAsync(server);

        var outcomes = await connection.Client.ApplyUserChangesAsync(
            [new UserChange { Email = "ann@example.com", Join = [Staff] }, new UserChange { Email = "bo@example.com" }], Hostile.Hostile.Patience());

        Assert.All(outcomes, o => Assert.Equal(UserChangeResult.NotApplied, o.Result));
        Assert.All(outcomes, o => Assert.Contains("lost twice", o.Message));
        Assert.Equal(2, requests);
    }

    [Theory]
    [InlineData(StatusCodes.Status404NotFound)]
    [InlineData(StatusCodes.Status501NotImplemented)]
    public async Task A_service_without_a_Bulk_endpoint_gets_plain_requests_from_then_on(int refusal)
    {
        var bulkCalls = 0;
        var patched = new List<string>();
        await using var server = await StartAsync([], (_, _) =>
        {
            bulkCalls++;
            return Results.Json(new { detail = "No such endpoint" }, statusCode: refusal);
        }, app => app.MapMethods("/Groups/g1", ["PATCH"], async (HttpRequest request) =>
        {
            patched.Add(await new StreamReader(request.Body).ReadToEndAsync());
            return Results.Json(new { id = "g1", displayName = "Staff" });
        }));
        using var connection = await ScimServer.ConnectAsync(server);
        var ann = Existing("1", "ann@example.com");
        var bo = Existing("2", "bo@example.com");

        var first = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = ann.Email, Existing = ann, Join = [Staff] }], Hostile.Hostile.Patience());
        var second = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = bo.Email, Existing = bo, Join = [Staff] }], Hostile.Hostile.Patience());

        Assert.Equal(UserChangeResult.Applied, Assert.Single(first).Result);
        Assert.Equal(UserChangeResult.Applied, Assert.Single(second).Result);
        Assert.Equal(1, bulkCalls);
        Assert.Equal(2, patched.Count);
        Assert.Null(connection.Client.Capabilities.UserChangesPerJob);
        Assert.True(connection.Client.Capabilities.InvitationRefusesExisting);
    }

    [Fact]
    public async Task A_refusal_of_the_whole_request_fails_each_row_with_the_service_detail()
    {
        await using var server = await StartAsync([], (_, _) =>
            Results.Json(new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:Error" }, status = "400", detail = "Bulk is closed for maintenance" }, statusCode: 400));
        using var connection = await ScimServer.ConnectAsync(server);
        var ann = Existing("1", "ann@example.com");

        var outcomes = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = ann.Email, Existing = ann, Join = [Staff] }], Hostile.Hostile.Patience());

        var outcome = Assert.Single(outcomes);
        Assert.Equal(UserChangeResult.Refused, outcome.Result);
        Assert.Contains("Bulk is closed for maintenance", outcome.Message);
    }

    [Fact]
    public async Task An_operation_s_refusal_that_echoes_the_token_reaches_the_row_masked()
    {
        await using var server = await StartAsync([], (operations, _) => Results.Json(new
        {
            schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:BulkResponse" },
            Operations = operations.Select(o => new
            {
                method = (string?)o["method"],
                status = "403",
                location = (string?)o["path"],
                response = new { status = "403", detail = $"Bearer {ScimServer.Token} may not change groups" },
            }),
        }));
        using var connection = await ScimServer.ConnectAsync(server);
        var ann = Existing("1", "ann@example.com");

        var outcomes = await connection.Client.ApplyUserChangesAsync([new UserChange { Email = ann.Email, Existing = ann, Join = [Staff] }], Hostile.Hostile.Patience());

        var outcome = Assert.Single(outcomes);
        Assert.Equal(UserChangeResult.Refused, outcome.Result);
        Assert.Contains("may not change groups", outcome.Message);
        Assert.DoesNotContain(ScimServer.Token, outcome.Message);
    }

    private static User Existing(string id, string email) => new() { Id = id, Email = email };

    /// <summary>The member an operation adds, as the request names it (an id or "bulkId:…").</summary>
    private static string Member(JsonObject operation) => (string)operation["data"]!["Operations"]![0]!["value"]![0]!["value"]!;

    /// <summary>A SCIM service whose /Bulk is the given handler, with a way to answer each operation with a status.</summary>
    private static Task<Hostile.HostileServer> StartAsync(List<object> users, Func<List<JsonObject>, Func<IEnumerable<string>, IResult>, IResult> bulk,
        Action<WebApplication>? more = null) =>
        ScimBulkService.StartAsync(users, operations =>
            bulk(operations, statuses => ScimBulkService.Answer(operations.Zip(statuses, (o, status) => ScimBulkService.Result(o, status)))), more);
}
