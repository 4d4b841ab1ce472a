using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Tests.Hostile;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.AppXite;

/// <summary>
/// The route and field map changed without code: a service that keeps its users elsewhere under other names, reached by
/// -ProviderOption tables or an options file; and routes that would send the keys elsewhere, refused when connecting.
/// </summary>
public sealed class AppXiteApiMapTests
{
    private const string Key = "sub-Key-7f3a9c";

    [Fact]
    public async Task Routes_and_field_names_given_as_tables_reach_a_service_that_uses_other_names()
    {
        string? invited = null;
        await using var server = await PeopleServiceAsync(body => invited = body);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", Overrides());

        var page = await connection.Client.ListUsersAsync(null, 0, 50, default);
        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
            [new InvitationRequest(1, null, "new@partner.com", null, false) { Organizations = ["o1", "o2"] }], default));

        var ann = Assert.Single(page.Users);
        Assert.Equal(("ann@partner.com", UserStatus.Inactive), (ann.Email, ann.Status));
        Assert.Equal(OperationStatus.Succeeded, Assert.Single(results).Status);
        Assert.Contains("\"People\":[{\"mail\":\"new@partner.com\"}]", invited);
        Assert.Contains("\"Orgs\":[\"o1\",\"o2\"]", invited);
        Assert.All(server.Seen, r => Assert.Equal(Key, r.Headers["X-Partner-Key"]));
    }

    [Fact]
    public async Task The_same_map_read_from_a_YAML_file_does_the_same()
    {
        await using var server = await PeopleServiceAsync(_ => { });
        var file = Path.Combine(Path.GetTempPath(), $"appxite-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            Routes:
              Users: v3/people
              Invite: v3/people/invitations
            Paging: { Items: records, Total: count, PageSize: size }
            User: { Email: mail, State: status }
            State: { Blocked: Suspended }
            Invite: { Users: People, OrganizationIds: Orgs, Email: mail }
            ApiKeyHeader: X-Partner-Key
            """);
        try
        {
            using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
                new Dictionary<string, object?> { ["OptionsFile"] = file, ["SubscriptionKey"] = Key });

            var page = await connection.Client.ListUsersAsync(null, 0, 50, default);

            Assert.Equal(("ann@partner.com", UserStatus.Inactive), (page.Users.Single().Email, page.Users.Single().Status));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("https://elsewhere.example/users")]
    [InlineData("//elsewhere.example/users")]
    [InlineData("../../users")]
    [InlineData("api/%2e%2e/users")]
    [InlineData("api\\users")]
    [InlineData("api/v2/users?page=2")]
    public async Task A_route_that_would_leave_the_base_address_is_refused_when_connecting_and_nothing_is_sent(string route)
    {
        await using var server = await PeopleServiceAsync(_ => { });

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { ["Routes"] = new System.Collections.Hashtable { ["Users"] = route } }));

        Assert.Contains("Routes.Users", error.Message);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task A_table_holding_itself_is_refused_rather_than_followed_for_ever()
    {
        var table = new System.Collections.Hashtable();
        table["Routes"] = table;

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(new Uri("http://127.0.0.1:9/"), "t0ken",
            new Dictionary<string, object?> { ["Routes"] = table }));

        Assert.Contains("nest 4 deep at most", error.Message);
    }

    [Fact]
    public async Task A_misspelt_option_is_refused_with_the_closest_name()
    {
        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(new Uri("http://127.0.0.1:9/"), "t0ken",
            new Dictionary<string, object?> { ["Routes"] = new System.Collections.Hashtable { ["Userz"] = "v3/people" } }));

        Assert.Contains("has no option 'Routes.Userz'. Did you mean 'Routes.Users'?", error.Message);
    }

    [Fact]
    public async Task The_subscription_key_echoed_in_a_refusal_is_masked()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/api/v2/users", (HttpRequest r) => Results.Json(new { message = $"key {r.Headers["Ocp-Apim-Subscription-Key"]} is not subscribed" }, statusCode: 403)));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { ["SubscriptionKey"] = Key }));

        Assert.DoesNotContain(Key, error.ToString());
        Assert.Contains("***", error.Message);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("k9Z")]
    public async Task A_subscription_key_too_short_to_mask_is_refused_before_anything_is_sent(string key)
    {
        var calls = 0;
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/api/v2/users", () => { calls++; return Results.Json(new { items = Array.Empty<object>() }); }));

        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123",
            new Dictionary<string, object?> { ["SubscriptionKey"] = key }));

        Assert.Contains("SubscriptionKey is shorter than 4 characters", error.Message);
        Assert.DoesNotContain($"'{key}'", error.Message);
        Assert.Equal(0, calls);
    }

    private static Dictionary<string, object?> Overrides() => new()
    {
        ["Routes"] = new System.Collections.Hashtable { ["Users"] = "v3/people", ["Invite"] = "v3/people/invitations" },
        ["Paging"] = new System.Collections.Hashtable { ["Items"] = "records", ["Total"] = "count", ["PageSize"] = "size" },
        ["User"] = new System.Collections.Hashtable { ["Email"] = "mail", ["State"] = "status" },
        ["State.Blocked"] = "Suspended",
        ["Invite"] = new System.Collections.Hashtable { ["Users"] = "People", ["OrganizationIds"] = "Orgs", ["Email"] = "mail" },
        ["ApiKeyHeader"] = "X-Partner-Key",
        ["SubscriptionKey"] = Key,
    };

    /// <summary>A service with its own names: users under v3/people as "records" with "mail" and "status", invitations under v3/people/invitations.</summary>
    private static Task<HostileServer> PeopleServiceAsync(Action<string> invited) => HostileServer.StartAsync(app =>
    {
        app.MapGet("/v3/people", (int? page, int? size) => Results.Json(new
        {
            records = page == 1 ? new object[] { new { id = "u1", mail = "ann@partner.com", status = "Suspended" } } : [],
            count = 1,
        }));
        app.MapPost("/v3/people/invitations", async (HttpRequest request) =>
        {
            invited(await new StreamReader(request.Body).ReadToEndAsync());
            return Results.Json(new { ok = true });
        });
    });
}
