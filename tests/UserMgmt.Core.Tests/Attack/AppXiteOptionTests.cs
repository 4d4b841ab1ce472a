using System.Collections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Providers;
using UserMgmt.Tests.AppXite;
using UserMgmt.Tests.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Provider options that cannot mean what they say are refused when connecting, before any request: a header name that is
/// no header name, a list where one text is expected, and one option given twice with two values.
/// </summary>
public sealed class AppXiteOptionTests
{
    private const string Key = "sub-Key-7f3a9c";

    [Theory]
    [InlineData("X-Key\r\nX-Injected: 1")]
    [InlineData("X-Key: value")]
    [InlineData("X Key")]
    [InlineData("Authorization")]
    [InlineData("Host")]
    public async Task A_key_header_that_is_no_header_of_its_own_is_refused_and_nothing_is_sent(string header)
    {
        await using var server = await UsersAsync();

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { ["ApiKeyHeader"] = header, ["SubscriptionKey"] = Key }));

        Assert.Contains("ApiKeyHeader", error.Message);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task A_list_given_as_the_subscription_key_is_refused_not_sent_as_its_type_name()
    {
        await using var server = await UsersAsync();

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { ["SubscriptionKey"] = new object[] { Key, "second-key-2b" } }));

        Assert.Contains("SubscriptionKey", error.Message);
        Assert.DoesNotContain(Key, error.Message);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task One_route_given_as_a_table_and_as_a_dotted_name_with_two_values_is_refused()
    {
        await using var server = await UsersAsync();

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?>
            {
                ["Routes"] = new Hashtable { ["Users"] = "v3/people" },
                ["routes.users"] = "api/v2/users",
            }));

        Assert.Contains("Routes.Users", error.Message);
        Assert.Empty(server.Seen);
    }

    [Theory]
    [InlineData("Invite.FirstName", "email")]
    [InlineData("Invite.LastName", "EMAIL")]
    [InlineData("Invite.OrganizationIds", "Users")]
    public async Task Two_invitation_fields_under_one_name_are_refused_rather_than_one_overwriting_the_other(string option, string name)
    {
        await using var server = await UsersAsync();

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { [option] = name }));

        Assert.Contains(option, error.Message);
        Assert.Empty(server.Seen);
    }

    private static Task<HostileServer> UsersAsync() => HostileServer.StartAsync(app =>
        app.MapGet("/api/v2/users", () => Results.Json(new { items = Array.Empty<object>(), totalCount = 0 })));
}
