using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A service without PATCH whose schemas mark attributes "returned": "request": a plain read leaves them out, and a
/// PUT without them may clear them (RFC 7644 §3.5.1). They are asked for by name and put back as they were.
/// </summary>
public sealed class ScimAttributesOnRequestTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task Disabling_a_user_puts_back_the_attributes_the_service_returns_only_on_request()
    {
        string? put = null;
        string? asked = null;
        await using var server = await ScimServer.StartAsync("""{"patch":{"supported":false},"filter":{"supported":true}}""",
            [ScimServer.User("1", "ann@example.com")], cap: 10, app =>
            {
                app.MapGet("/Schemas", () => Results.Json(new
                {
                    Resources = new object[]
                    {
                        new { id = "urn:ietf:params:scim:schemas:core:2.0:User", attributes = new object[]
                        {
                            new { name = "userName", mutability = "readWrite", returned = "default" },
                            new { name = "nickName", mutability = "readWrite", returned = "request" },
                            new { name = "id", mutability = "readOnly", returned = "request" },
                        } },
                        new { id = Enterprise, attributes = new object[] { new { name = "costCenter", mutability = "readWrite", returned = "request" } } },
                    },
                }));
                app.MapGet("/Users/1", (HttpRequest request) =>
                {
                    asked = request.Query["attributes"];
                    return string.IsNullOrEmpty(asked)
                        ? Results.Text("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"ann@example.com","active":true}""", "application/scim+json")
                        : Results.Text($$$"""{"id":"1","nickName":"Annie","{{{Enterprise}}}":{"costCenter":"CC-7"}}""", "application/scim+json");
                });
                app.MapPut("/Users/1", async (HttpRequest request) =>
                {
                    put = await new StreamReader(request.Body).ReadToEndAsync();
                    return Results.Text(put, "application/scim+json");
                });
            });
        using var connection = await ScimServer.ConnectAsync(server);

        await connection.Client.SetEnabledAsync("1", false, Hostile.Hostile.Patience());

        Assert.Equal($"nickName,{Enterprise}:costCenter", asked);
        Assert.Contains("\"nickName\":\"Annie\"", put);
        Assert.Contains("\"costCenter\":\"CC-7\"", put);
        Assert.Contains(Enterprise, put!.Split("\"schemas\"")[1].Split(']')[0]);
        Assert.Contains("\"active\":false", put);
    }
}
