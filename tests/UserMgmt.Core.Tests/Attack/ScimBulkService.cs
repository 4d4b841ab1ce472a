using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Tests.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A SCIM service with Bulk and PATCH whose /Bulk is a test's handler: it gets the request's operations and answers
/// however the test misbehaves.
/// </summary>
internal static class ScimBulkService
{
    public const string Config = """{"patch":{"supported":true},"filter":{"supported":true},"bulk":{"supported":true,"maxOperations":100,"maxPayloadSize":1048576}}""";

    public static Task<HostileServer> StartAsync(List<object> users, Func<List<JsonObject>, IResult> bulk, Action<WebApplication>? more = null,
        string config = Config) =>
        ScimServer.StartAsync(config, users, cap: 50, app =>
        {
            app.MapPost("/Bulk", async (HttpRequest request) =>
            {
                var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
                return bulk(body["Operations"]!.AsArray().Select(o => o!.AsObject()).ToList());
            });
            more?.Invoke(app);
        });

    /// <summary>A BulkResponse with the given results, as the test writes them.</summary>
    public static IResult Answer(IEnumerable<object> results) =>
        Results.Json(new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:BulkResponse" }, Operations = results });

    /// <summary>A well-behaved result for an operation: its method, its bulkId echoed, and a location.</summary>
    public static object Result(JsonObject operation, string status, object? response = null) => new
    {
        method = (string?)operation["method"],
        bulkId = (string?)operation["bulkId"],
        status,
        location = (string?)operation["method"] == "POST" ? $"/Users/made-{(string?)operation["bulkId"]}" : (string?)operation["path"],
        response,
    };

    public static bool IsCreation(JsonObject operation) => (string?)operation["method"] == "POST";
}
