using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// SCIM keeps userName unique, not addresses (RFC 7643 §4.1.1): two accounts may share one. A manager named by an
/// address two users hold is nobody in particular, so the row is refused rather than pointed at either.
/// </summary>
public sealed class ScimSharedManagerAddressTests
{
    [Theory]
    [InlineData("""{"patch":{"supported":true},"filter":{"supported":true}}""")]
    [InlineData("""{"filter":{"supported":true}}""")]
    public async Task A_manager_address_two_users_share_names_no_manager_and_nothing_is_written(string config)
    {
        IReadOnlyList<object> users =
        [
            ScimServer.User("1", "ann@example.com"),
            ScimServer.User("7", "boss@example.com", userName: "boss-emea"),
            ScimServer.User("8", "boss@example.com", userName: "boss-apac"),
        ];
        await using var server = await ScimServer.StartAsync(config, users, cap: 10,
            app => app.MapGet("/Users/1", () => Results.Json(users[0])));
        using var connection = await ScimServer.ConnectAsync(server);

        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => connection.Client.SetAttributesAsync("1",
            new Dictionary<string, IReadOnlyList<string>> { ["manager"] = ["boss@example.com"] }, Hostile.Hostile.Patience()));

        Assert.Contains("boss@example.com", refusal.Message);
        Assert.DoesNotContain(server.Seen, r => r.Method is "PATCH" or "PUT");
    }
}
