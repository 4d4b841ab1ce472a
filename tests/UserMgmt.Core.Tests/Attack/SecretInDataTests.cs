using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Bulk;
using UserMgmt.Model;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A platform that echoes the caller's secret into the data it answers with, not into an error: a user's name or
/// attribute, a team, a group, a job's file name or uploader. Every such field reaches the user as a result
/// object, so none may carry the secret.
/// </summary>
public sealed class SecretInDataTests
{
    private static readonly string BasicToken = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{HostileClient.AccessKey}:{HostileClient.Secret}"));

    [Fact]
    public async Task Ccai_jobs_never_carry_the_token()
    {
        var job = new
        {
            id = 7, status = "completed", filename = HostileClient.Secret, uploaded_api_user_name = BasicToken,
            proceed_api_user_name = HostileClient.Secret, total_rows = 1, affected_rows = 1, failed_rows = 0,
        };
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/apps/api/v1/bulk/users/jobs", () => Results.Json(new[] { job }));
            app.MapGet("/apps/api/v1/bulk/users/jobs/{id}", () => Results.Json(job));
        });
        using var client = HostileClient.Client(server, "Ccai");
        var ct = HostileClient.Patience();

        var listed = await client.BulkJobs!.ListJobsAsync(1, 25, ct);
        var read = await client.BulkJobs.GetJobAsync(7, ct);

        AssertNoSecret([listed, read], "completed");
    }

    private const string DataMaskingSkip =
        "Known: user and team fields are not masked. Masking them where they are read would also mask the values a change "
        + "writes back (an Acceldata user's attributes, a CCAI row's last name), so the fix belongs where results are written.";

    [Fact(Skip = DataMaskingSkip)]
    public async Task Ccai_users_and_teams_never_carry_the_token()
    {
        var secret = HostileClient.Secret;
        var echo = new
        {
            id = "u1", email = "u1@example.com", first_name = secret, last_name = "Basic " + BasicToken, location = secret,
            agent_number = secret, teams = new[] { new { name = secret, value = 1 } }, roles = new[] { new { name = BasicToken, value = 1 } },
        };
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/apps/api/v1/users", () => Results.Json(new[] { echo }));
            app.MapGet("/apps/api/v1/bulk/users/template", () => Results.Json(new[] { echo }));
        });
        using var client = HostileClient.Client(server, "Ccai");
        var ct = HostileClient.Patience();

        var results = new List<object>
        {
            await client.ListUsersAsync(null, 0, 100, ct),
            await client.GetUserAsync("u1", ct) ?? (object)"no user",
            await client.ListGroupsAsync(ct),
            await client.BulkJobs!.GetTemplateAsync(ct),
        };

        AssertNoSecret(results, "u1@example.com");
    }

    [Fact(Skip = DataMaskingSkip)]
    public async Task Acceldata_users_and_groups_never_carry_the_key()
    {
        var secret = HostileClient.Secret;
        var user = new
        {
            userId = "u1", email = "u1@example.com", firstName = secret, lastName = HostileClient.AccessKey + " " + secret, enabled = true,
            attributes = new Dictionary<string, object> { ["note"] = new[] { secret } }, groups = new[] { secret },
        };
        var group = new { id = "g1", name = secret, description = secret, membersCount = 1 };
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/admin/api/users/list", () => Results.Json(new { users = new[] { user }, meta = new { total = 1 } }));
            app.MapGet("/admin/api/users/{id}", () => Results.Json(user));
            app.MapGet("/admin/api/groups", () => Results.Json(new { groups = new[] { group }, meta = new { total = 1 } }));
        });
        using var client = HostileClient.Client(server);
        var ct = HostileClient.Patience();

        var results = new List<object>
        {
            await client.ListUsersAsync(null, 0, 100, ct),
            await client.GetUserAsync("u1", ct) ?? (object)"no user",
            await client.ListGroupsAsync(ct),
        };

        AssertNoSecret(results, "u1@example.com");
    }

    /// <summary>The results as a user's console or a CSV export would show every property.</summary>
    private static void AssertNoSecret(IEnumerable<object> results, string read)
    {
        var shown = JsonSerializer.Serialize(results, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles });
        Assert.Contains(read, shown);
        foreach (var form in new[] { HostileClient.Secret[..12], BasicToken, Convert.ToBase64String(Encoding.UTF8.GetBytes(HostileClient.Secret)) })
            Assert.False(shown.Contains(form, StringComparison.Ordinal), $"'{form}' is shown in a result:\n{shown}");
    }
}
