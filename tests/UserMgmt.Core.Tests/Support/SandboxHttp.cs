using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using UserMgmt.Sandbox;

namespace UserMgmt.Tests.Support;

/// <summary>One method of one route the sandbox serves, with its parameters filled in.</summary>
public sealed record SandboxRoute(string Method, string Path)
{
    public bool IsAdmin => Path.StartsWith(AdminEndpoints.Prefix + "/");
    public bool IsRead => Method is "GET" or "HEAD";
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Raw HTTP against a test sandbox, for what the engine never sends: every route the running app
/// serves (so a route added later is covered without touching the tests), signed for its API.
/// </summary>
public static class SandboxHttp
{
    public const string AdminHeader = "X-Sandbox-Admin-Key";

    public static HttpClient Client(TestSandbox sandbox) => new() { BaseAddress = sandbox.BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Every method of every route, each route parameter filled in with <paramref name="value"/> (numbers where a route wants one).</summary>
    public static List<SandboxRoute> Routes(TestSandbox sandbox, string value = "user-002") =>
        sandbox.Host.Endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new SandboxRoute(m, Fill(e.RoutePattern, value))))
            .ToList();

    private static string Fill(RoutePattern pattern, string value) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") => "1",
            RoutePatternParameterPart => value,
            _ => throw new InvalidOperationException($"Route part {part} of {pattern.RawText} is not filled in by the tests."),
        }))));

    public static HttpRequestMessage Request(SandboxRoute route, string? body = null, string contentType = "application/json") =>
        new(new HttpMethod(route.Method), route.Path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, contentType),
        };

    /// <summary>A request with the key each part of the sandbox takes: ADOC's two headers, CCAI's HTTP Basic, or the admin key.</summary>
    public static HttpRequestMessage Signed(TestSandbox sandbox, SandboxRoute route, string key, string secret, string? body = null)
    {
        var request = Request(route, body);
        if (route.Path.StartsWith("/admin/api/"))
        {
            request.Headers.Add("accessKey", key);
            request.Headers.Add("secretKey", secret);
        }
        else if (route.Path.StartsWith("/apps/api/v1/"))
            // CCAI's user name is the tenant's subdomain; the token alone says which api user calls.
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox.Host.Options.CcaiSubdomain}:{secret}")));
        else if (route.Path.StartsWith("/appxite/"))
        {
            // AppXite takes the pair's secret as a bearer token, beside the subscription key.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            request.Headers.Add("Ocp-Apim-Subscription-Key", SandboxOptions.DemoSubscriptionKey);
        }
        else if (route.Path.StartsWith("/scim/v2/"))
            // SCIM takes the pair's secret as a bearer token.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        else if (route.IsAdmin)
            request.Headers.Add(AdminHeader, sandbox.Host.AdminKey);
        else
            throw new InvalidOperationException($"{route} belongs to no part of the sandbox the tests know how to sign for.");
        return request;
    }

    /// <summary>Signed with the demo key that may do everything.</summary>
    public static HttpRequestMessage Signed(TestSandbox sandbox, SandboxRoute route, string? body = null) =>
        Signed(sandbox, route, SandboxOptions.DemoAccessKey, SandboxOptions.DemoSecretKey, body);
}
