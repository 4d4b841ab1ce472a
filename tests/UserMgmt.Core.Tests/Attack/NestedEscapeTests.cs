using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Rest;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Platforms often echo the request they refused as a JSON string inside their JSON answer, so the
/// secret comes back escaped twice. The raw body is traced with -Debug: no layer of escaping may hide it.
/// </summary>
public sealed class NestedEscapeTests
{
    [Fact]
    public async Task A_secret_echoed_as_json_inside_a_json_string_is_not_shown_in_the_trace()
    {
        var echoedRequest = JsonSerializer.Serialize(new { secretKey = HostileClient.Secret });
        var body = JsonSerializer.Serialize(new { status = false, message = "Invalid request", request = echoedRequest });
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/admin/api/groups", () => Results.Text(body, "application/json", statusCode: 400)));
        using var client = HostileClient.Client(server);
        var log = new RecordingLog();

        ApiException error;
        using (CommandScope.Begin(log))
            error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(HostileClient.Patience()));

        var shown = error.Message + "\n" + log.All;
        Assert.Contains("DEBUG:   response body:", shown);
        // Undo the two layers a reader would undo by eye; what remains must not hold the secret.
        var once = Unescape(shown);
        Assert.DoesNotContain(HostileClient.Secret, Unescape(once), StringComparison.Ordinal);
    }

    private static string Unescape(string text) => System.Text.RegularExpressions.Regex.Unescape(text);
}
