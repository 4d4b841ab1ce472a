using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A Bulk service refuses one operation and echoes the bearer token in that result's detail. The row's message
/// carries the service's reason, but never the token.
/// </summary>
public sealed class ScimBulkDetailSecretTests
{
    [Fact]
    public async Task A_refused_operation_whose_detail_echoes_the_token_fails_its_row_without_the_token()
    {
        await using var server = await ScimBulkService.StartAsync([], operations => ScimBulkService.Answer(operations.Select(o =>
            ScimBulkService.Result(o, "403", new { status = "403", detail = $"Bearer {ScimServer.Token} may not change 'Staff'" }))));
        using var connection = await ScimServer.ConnectAsync(server);
        var ann = new User { Id = "1", Email = "ann@example.com" };

        var outcomes = await connection.Client.ApplyUserChangesAsync(
            [new UserChange { Email = ann.Email, Existing = ann, Join = [new Group { Id = "g1", Name = "Staff" }] }], Hostile.Hostile.Patience());

        var outcome = Assert.Single(outcomes);
        Assert.Equal(UserChangeResult.Refused, outcome.Result);
        Assert.Contains("may not change 'Staff'", outcome.Message);
        Assert.DoesNotContain(ScimServer.Token, outcome.Message);
    }
}
