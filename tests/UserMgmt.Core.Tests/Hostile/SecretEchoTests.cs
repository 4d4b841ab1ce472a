using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Rest;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// A platform that echoes the secret back, in any encoding the module could print, must not get it
/// (or any part of it) shown in errors, verbose or debug text.
/// </summary>
public sealed class SecretEchoTests
{
    private static readonly string BasicToken = Base64($"{Hostile.AccessKey}:{Hostile.Secret}");

    /// <summary>Every way the secret may come back written.</summary>
    private static readonly Dictionary<string, string> Encodings = new()
    {
        ["literal"] = Hostile.Secret,
        ["json"] = JsonString(Hostile.Secret, JavaScriptEncoder.Default),
        ["json-relaxed"] = JsonString(Hostile.Secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping),
        ["json-lowercase-solidus"] = LowercaseJson(Hostile.Secret),
        ["url"] = Uri.EscapeDataString(Hostile.Secret),
        ["url-lowercase"] = LowercaseHex(Uri.EscapeDataString(Hostile.Secret)),
        ["base64"] = Base64(Hostile.Secret),
        ["basic"] = BasicToken,
        ["html"] = WebUtility.HtmlEncode(Hostile.Secret),
    };

    public static TheoryData<string, string, string> Echoes()
    {
        var data = new TheoryData<string, string, string>
        {
            { "literal", "text/plain", "bad key " + Hostile.Secret },
            { "json", "application/json", $$"""{"message":"bad key {{Encodings["json"]}}"}""" },
            { "json-relaxed", "application/json", $$"""{"message":"bad key {{Encodings["json-relaxed"]}}"}""" },
            { "json-lowercase-solidus", "application/json", $$"""{"error":"bad key {{Encodings["json-lowercase-solidus"]}}"}""" },
            { "url", "text/plain", "bad key " + Encodings["url"] },
            { "url-lowercase", "application/json", $$"""{"detail":"https:\/\/x.example\/?key={{Encodings["url-lowercase"]}}"}""" },
            { "base64", "text/plain", "bad key " + Encodings["base64"] },
            { "basic", "application/json", $$"""{"message":"Authorization: Basic {{BasicToken}} refused"}""" },
            { "html", "text/html", $"<html><head><title>bad key {Encodings["html"]}</title></head><body>{Encodings["html"]}</body></html>" },
            // Cut where the trace stops and where an error message is shortened.
            { "cut-in-trace", "text/plain", new string('x', 1990) + Hostile.Secret + new string('y', 500) },
            { "cut-in-message", "application/json", $$"""{"message":"{{new string('x', 290)}}{{Encodings["json"]}}"}""" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task A_secret_echoed_in_an_error_is_never_shown(string name, string contentType, string body)
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/admin/api/groups", () => Results.Text(body, contentType, statusCode: 400)));
        using var client = Hostile.Client(server);
        var log = new RecordingLog();

        ApiException error;
        using (CommandScope.Begin(log))
            error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Contains("DEBUG:   response body:", log.All);
        AssertNoPartOfTheSecret(name, error.Message + "\n" + log.All);
    }

    [Fact]
    public async Task A_secret_echoed_in_a_failure_envelope_of_a_success_is_never_shown()
    {
        var body = $$"""{"status":false,"message":"{{new string('x', 290)}}{{Encodings["json"]}}"}""";
        await using var server = await HostileServer.StartAsync(app =>
            app.MapPut("/admin/api/users/{id}", () => Results.Text(body, "application/json", statusCode: 200)));
        using var client = Hostile.Client(server);
        var log = new RecordingLog();

        ApiException error;
        using (CommandScope.Begin(log))
            error = await Assert.ThrowsAnyAsync<ApiException>(() => client.SetEnabledAsync("user-1", false, Hostile.Patience()));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        AssertNoPartOfTheSecret("envelope", error.Message + "\n" + log.All);
    }

    [Fact]
    public async Task A_secret_searched_for_is_not_shown_in_the_address_traced()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapGet("/admin/api/users/list", () => Results.Json(new { users = Array.Empty<object>(), meta = new { total = 0 } })));
        using var client = Hostile.Client(server);
        var log = new RecordingLog();

        using (CommandScope.Begin(log))
            await client.ListUsersAsync(Hostile.Secret, 0, 10, Hostile.Patience());

        Assert.Contains("VERBOSE: GET /admin/api/users/list?", log.All);
        AssertNoPartOfTheSecret("search", log.All);
    }

    [Fact]
    public async Task A_secret_in_a_request_body_is_not_shown_in_the_trace()
    {
        await using var server = await HostileServer.StartAsync(app =>
        {
            // The user is read first: its attributes are written back whole.
            app.MapGet("/admin/api/users/{id}", (string id) => Results.Json(new { userId = id, email = "u@example.com", attributes = new { } }));
            app.MapPut("/admin/api/users/{id}", () => Results.Json(new { message = "ok", status = true }));
        });
        using var client = Hostile.Client(server);
        var log = new RecordingLog();

        using (CommandScope.Begin(log))
            await client.SetAttributesAsync("user-1", new Dictionary<string, IReadOnlyList<string>> { ["note"] = [Hostile.Secret] }, Hostile.Patience());

        Assert.Contains("DEBUG:   request body:", log.All);
        AssertNoPartOfTheSecret("request", log.All);
    }

    [Theory]
    [InlineData("Acceldata")]
    [InlineData("Ccai")]
    public async Task A_connection_keeps_no_secret_in_clear(string provider)
    {
        await using var server = await HostileServer.StartAsync(app =>
        {
            app.MapGet("/admin/api/groups", () => Results.Json(new { groups = Array.Empty<object>(), meta = new { total = 0 } }));
            app.MapGet("/apps/api/v1/bulk/users/template", () => Results.Json(Array.Empty<object>()));
        });
        using var client = Hostile.Client(server, provider);
        await client.ListGroupsAsync(Hostile.Patience());

        var strings = ObjectGraph.Strings(client).ToList();

        Assert.NotEmpty(strings);
        Assert.DoesNotContain(strings, s => s.Contains(Hostile.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(strings, s => s.Contains(BasicToken, StringComparison.Ordinal));
    }

    /// <summary>No encoding of the secret appears in the text, whole or any piece of it as long as <see cref="Piece"/>.</summary>
    private static void AssertNoPartOfTheSecret(string echo, string shown)
    {
        foreach (var (encoding, form) in Encodings)
            for (var at = 0; at + Piece <= form.Length; at++)
                Assert.False(shown.Contains(form.Substring(at, Piece), StringComparison.Ordinal),
                    $"{echo}: '{form.Substring(at, Piece)}' of the {encoding} form of the secret is shown:\n{shown}");
    }

    private const int Piece = 8;

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string JsonString(string text, JavaScriptEncoder encoder) =>
        JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = encoder })[1..^1];

    /// <summary>As some servers write JSON: every punctuation mark as a lowercase \u escape, and '/' as "\/".</summary>
    private static string LowercaseJson(string text) => string.Concat(text.Select(c =>
        c == '/' ? "\\/" : char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"\\u{(int)c:x4}"));

    private static string LowercaseHex(string escaped) =>
        System.Text.RegularExpressions.Regex.Replace(escaped, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());
}
