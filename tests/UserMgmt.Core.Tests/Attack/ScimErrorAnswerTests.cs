using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A SCIM service says a request failed with an Error message (RFC 7644 §3.12). Some send it with 200: the change
/// did not happen, so the row must not say it did, and the message must not carry the token the service echoed.
/// </summary>
public sealed class ScimErrorAnswerTests
{
    private const string Config = """{"patch":{"supported":true},"filter":{"supported":true}}""";

    [Theory]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    public async Task A_SCIM_error_answered_with_200_is_a_failure_without_the_token(string method)
    {
        var error = new
        {
            schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:Error" }, status = "400", scimType = "invalidValue",
            detail = $"Bearer {ScimServer.Token} may not change members",
        };
        var group = new { schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:Group" }, id = "g1", displayName = "Everyone", members = Array.Empty<object>() };
        await using var server = await ScimServer.StartAsync(method == "PATCH" ? Config : """{"filter":{"supported":true}}""", [ScimServer.User("1", "ann@example.com")], cap: 10,
            app =>
            {
                app.MapGet("/Groups/g1", () => Results.Json(group));
                app.MapMethods("/Groups/g1", [method], () => Results.Json(error, statusCode: 200));
            });
        using var connection = await ScimServer.ConnectAsync(server);

        var failure = await Assert.ThrowsAnyAsync<ApiException>(() =>
            connection.Client.AddUserToGroupsAsync("1", [new Group { Id = "g1", Name = "Everyone" }], Hostile.Hostile.Patience()));

        Assert.Contains("may not change members", failure.Message);
        Assert.DoesNotContain(ScimServer.Token, failure.Message);
    }
}
