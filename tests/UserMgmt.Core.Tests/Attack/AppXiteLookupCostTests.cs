using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Operations;
using UserMgmt.Tests.AppXite;
using UserMgmt.Tests.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// AppXite has no search: finding one address reads every page. Looking the rows' addresses up one by one would read
/// the whole directory once per row, so a command's calls grew with rows times pages.
/// </summary>
public sealed class AppXiteLookupCostTests
{
    [Fact]
    public async Task Addresses_of_a_few_rows_are_found_with_one_read_of_the_directory()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/api/v2/users", (int page, int pageSize) => Results.Json(new
            {
                items = Enumerable.Range((page - 1) * pageSize + 1, pageSize).Where(n => n <= 500).Select(n => new { id = $"u{n}", email = $"u{n}@partner.com" }),
                totalCount = 500,
            })));
        using var connection = await AppXiteConnection.OpenAsync(server.BaseUri, "token-abc-123", new Dictionary<string, object?>());
        var before = server.Calls("/api/v2/users");

        var plan = await new CommandPlanner(connection.Client).PlanInvitationsAsync(
        [
            new InvitationRequest(1, null, "new1@partner.com", null, false),
            new InvitationRequest(2, null, "u499@partner.com", null, false),
        ], default);

        Assert.Single(plan.Steps);
        Assert.InRange(server.Calls("/api/v2/users") - before, 1, 6);
    }
}
