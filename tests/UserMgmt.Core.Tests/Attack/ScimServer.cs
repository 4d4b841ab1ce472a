using System.Security;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Tests.Hostile;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// Enough of a SCIM service on a <see cref="HostileServer"/> to open a connection: a ServiceProviderConfig as the
/// test writes it, and a user list that pages by startIndex and count over the given users, capped at a page size
/// the service does not announce. A test maps whatever else it misbehaves on.
/// </summary>
internal static class ScimServer
{
    public const string Token = "scim-bearer-Tok3n+/=";

    public static object User(string id, string email, string? userName = null) => new
    {
        schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" }, id, userName = userName ?? email,
        emails = new[] { new { value = email, primary = true } }, active = true, groups = Array.Empty<object>(),
    };

    public static Task<HostileServer> StartAsync(string config, IReadOnlyList<object> users, int cap, Action<WebApplication>? map = null) =>
        HostileServer.StartAsync(app =>
        {
            app.MapGet("/ServiceProviderConfig", () => Results.Text(config, "application/scim+json"));
            app.MapGet("/Users", (int? startIndex, int? count, string? filter) =>
            {
                // Of filters, only the ids a group's members are read by: id eq "1" or id eq "2".
                // Any other filter is ignored, as a service may: the client keeps only what it asked for.
                var ids = filter is null ? null : Regex.Matches(filter, "\\bid eq \"([^\"]*)\"").Select(m => m.Groups[1].Value).ToHashSet();
                if (ids is { Count: 0 }) ids = null;
                var matching = users.Where(u => ids is null || ids.Contains(Id(u))).ToList();
                var from = Math.Max(startIndex ?? 1, 1) - 1;
                var page = matching.Skip(from).Take(Math.Min(count ?? cap, cap)).ToList();
                return Results.Json(new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:ListResponse" }, totalResults = matching.Count, startIndex = from + 1, itemsPerPage = page.Count, Resources = page });
            });
            map?.Invoke(app);
        });

    private static string Id(object user) => (string)user.GetType().GetProperty("id")!.GetValue(user)!;

    public static Task<UserMgmtConnection> ConnectAsync(HostileServer server)
    {
        var token = new SecureString();
        foreach (var c in Token) token.AppendChar(c);
        return UserMgmtConnection.OpenAsync(new ConnectionSettings
        {
            Provider = "Scim",
            BaseUri = server.BaseUri,
            Credential = new ApiCredential("", token),
            Retry = TestSandbox.QuickRetry,
        }, CancellationToken.None);
    }
}
