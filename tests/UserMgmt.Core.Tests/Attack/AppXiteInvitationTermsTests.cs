using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Operations;
using UserMgmt.Tests.AppXite;
using UserMgmt.Tests.Hostile;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Names an invitation gives for roles and identity providers must pick the one the user meant, or fail the row: never
/// quietly another that differs only in case or shares the name; and rows with different organisations never share a call.
/// </summary>
public sealed class AppXiteInvitationTermsTests
{
    [Fact]
    public async Task A_role_named_exactly_is_chosen_over_a_lighter_one_that_differs_in_case()
    {
        var invited = new ConcurrentQueue<string>();
        await using var server = await PlatformAsync(invited,
            roles: [new { id = "r-light", name = "admin", weight = 10 }, new { id = "r-heavy", name = "Admin", weight = 30 }]);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync([Row(1, "ann@partner.com") with { Roles = ["Admin"] }], default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(results).Status);
        Assert.Contains("\"roleIds\":[\"r-heavy\"]", Assert.Single(invited));
    }

    [Fact]
    public async Task A_role_name_two_roles_share_fails_the_row_and_nothing_is_sent()
    {
        var invited = new ConcurrentQueue<string>();
        await using var server = await PlatformAsync(invited,
            roles: [new { id = "r1", name = "Admin", weight = 10 }, new { id = "r2", name = "Admin", weight = 30 }]);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync([Row(1, "ann@partner.com") with { Roles = ["Admin"] }], default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Contains("r1", result.Message);
        Assert.Empty(invited);
    }

    [Fact]
    public async Task An_identity_provider_prefix_two_share_fails_the_row_and_nothing_is_sent()
    {
        var invited = new ConcurrentQueue<string>();
        await using var server = await PlatformAsync(invited, identityProviders:
        [
            new { id = "idp-old", name = "Old SSO", prefix = "sso", enabled = true },
            new { id = "idp-new", name = "New SSO", prefix = "sso", enabled = true },
        ]);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync([Row(1, "ann@partner.com") with { IdentityProvider = "sso" }], default));

        Assert.Equal(OperationStatus.Failed, Assert.Single(results).Status);
        Assert.Empty(invited);
    }

    [Fact]
    public async Task An_organisation_id_with_a_comma_and_two_organisations_never_share_a_call()
    {
        var invited = new ConcurrentQueue<string>();
        await using var server = await PlatformAsync(invited);
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());

        await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(
        [
            Row(1, "two@partner.com") with { Organizations = ["o1;o2"] },
            Row(2, "one@partner.com") with { Organizations = ["o1,o2"] },
        ], default));

        Assert.Equal(2, invited.Count);
        Assert.Contains(invited, body => body.Contains("one@partner.com") && body.Contains("\"OrganizationIds\":[\"o1,o2\"]"));
    }

    private static InvitationRequest Row(int row, string email) => new(row, null, email, null, false);

    private static Task<HostileServer> PlatformAsync(ConcurrentQueue<string> invited, object[]? roles = null, object[]? identityProviders = null) =>
        HostileServer.StartAsync(app =>
        {
            app.MapGet("/api/v2/users", () => Results.Json(new { items = Array.Empty<object>(), totalCount = 0 }));
            app.MapGet("/api/v2/roles", () => Results.Json(roles ?? []));
            app.MapGet("/api/v2/identity-providers", () => Results.Json(identityProviders ?? []));
            app.MapPost("/api/v2/users/invite", async (HttpRequest request) =>
            {
                invited.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
                return Results.Json(new { ok = true });
            });
        });
}
