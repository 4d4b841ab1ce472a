using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Rest;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>A CCAI users page that is not a list of users fails as an API error naming the request, like every other read.</summary>
public sealed class CcaiUnreadableAnswerTests
{
    [Theory]
    [InlineData("""{"users":[]}""")]
    [InlineData("""[{"id":"u1","email":""")]
    public async Task A_users_page_that_cannot_be_read_is_an_api_error(string body)
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/apps/api/v1/users", () => Results.Text(body, "application/json")));
        using var client = HostileClient.Client(server, "Ccai");

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListUsersAsync(null, 0, 100, HostileClient.Patience()));

        Assert.Contains("/apps/api/v1/users", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }
}
