using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using UserMgmt.Sandbox.Store;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// The SCIM peer keeps the contract the SCIM provider is written against: what its
/// ServiceProviderConfig says, it does, and its demo organisation is the sandbox's.
/// </summary>
public class ScimPeerTests
{
    private const string ScimJson = "application/scim+json";
    private const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string BulkRequestSchema = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static HttpClient ClientFor(ScimPeer peer, string? token = "")
    {
        var client = new HttpClient { BaseAddress = peer.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        token = token == "" ? peer.Token : token;
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, JsonNode? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, ScimJson);
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private static JsonObject PatchOp(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(PatchOpSchema),
        ["Operations"] = new JsonArray(operations.Select(o => (JsonNode)o).ToArray()),
    };

    private static JsonObject Bulk(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(BulkRequestSchema),
        ["Operations"] = new JsonArray(operations.Select(o => (JsonNode)o).ToArray()),
    };

    private static JsonObject NewUser(string userName) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
        ["userName"] = userName,
        ["active"] = true,
    };

    [Fact]
    public async Task ServiceProviderConfigReflectsEachSwitch()
    {
        await using (var plain = await ScimPeer.StartAsync(new ScimPeerOptions { SeedDemoOrganisation = false }))
        {
            using var client = ClientFor(plain);
            var (status, config, _) = await SendAsync(client, HttpMethod.Get, "ServiceProviderConfig");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True((bool)config!["patch"]!["supported"]!);
            Assert.True((bool)config["bulk"]!["supported"]!);
            Assert.Equal(1000, (int)config["bulk"]!["maxOperations"]!);
            Assert.Equal(1048576, (int)config["bulk"]!["maxPayloadSize"]!);
            Assert.True((bool)config["filter"]!["supported"]!);
            Assert.Equal(200, (int)config["filter"]!["maxResults"]!);
            Assert.False((bool)config["etag"]!["supported"]!);
            Assert.Equal("oauthbearertoken", (string)config["authenticationSchemes"]![0]!["type"]!);
        }

        await using var switched = await ScimPeer.StartAsync(new ScimPeerOptions
        {
            SeedDemoOrganisation = false, Bulk = false, Patch = false, ETag = true, MaxOperations = 7, MaxPayload = 5000, MaxResults = 5,
        });
        using var client2 = ClientFor(switched);
        var (_, config2, _) = await SendAsync(client2, HttpMethod.Get, "ServiceProviderConfig");
        Assert.False((bool)config2!["patch"]!["supported"]!);
        Assert.False((bool)config2["bulk"]!["supported"]!);
        Assert.Equal(7, (int)config2["bulk"]!["maxOperations"]!);
        Assert.Equal(5000, (int)config2["bulk"]!["maxPayloadSize"]!);
        Assert.Equal(5, (int)config2["filter"]!["maxResults"]!);
        Assert.True((bool)config2["etag"]!["supported"]!);

        // And what it says is what it does: Bulk is refused when not supported.
        var (bulkStatus, bulkBody, _) = await SendAsync(client2, HttpMethod.Post, "Bulk", Bulk());
        Assert.Equal(HttpStatusCode.NotImplemented, bulkStatus);
        Assert.Equal(ErrorSchema, (string)bulkBody!["schemas"]![0]!);
    }

    [Fact]
    public async Task DemoOrganisationIsTheSandboxOne()
    {
        await using var peer = await ScimPeer.StartAsync();
        var users = await peer.ListAllAsync("Users");
        Assert.Equal(40, users.Count);
        Assert.Equal(["hana.kim@example.com", "ivan.petrov@example.com"],
            users.Where(u => !(bool)u["active"]!).Select(u => (string)u["userName"]!).Order());
        Assert.Equal(DemoOrganisation.GroupNames.Order(), (await peer.ListAllAsync("Groups")).Select(g => (string)g["displayName"]!).Order());
        Assert.Equal(["ada.lovelace@example.com", "kara.singh@example.com"], await peer.MembersOfAsync("Administrators"));
        Assert.Equal(20, (await peer.MembersOfAsync("Engineering")).Count);
        Assert.Empty(await peer.MembersOfAsync("Contractors"));
        Assert.Equal(["Data Platform", "Engineering"], await peer.GroupsOfAsync("liam.murphy@example.com"));
        Assert.Equal("Data Platform", await peer.DepartmentAsync("liam.murphy@example.com"));
        Assert.Null(await peer.DepartmentAsync(DemoOrganisation.ScimManagedEmail));
        Assert.True(await peer.UserExistsAsync(DemoOrganisation.ScimManagedEmail));
        Assert.False(await peer.IsActiveAsync("hana.kim@example.com"));
        Assert.Null(await peer.IsActiveAsync("nobody@example.com"));
    }

    [Fact]
    public async Task FilterByUserNameFindsOneSeededUserWithItsGroupsAndDepartment()
    {
        await using var peer = await ScimPeer.StartAsync();
        using var client = ClientFor(peer);
        var filter = Uri.EscapeDataString("userName eq \"ada.lovelace@example.com\"");
        var (status, page, _) = await SendAsync(client, HttpMethod.Get, $"Users?filter={filter}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string)page!["schemas"]![0]!);
        Assert.Equal(1, (int)page["totalResults"]!);
        var ada = page["Resources"]!.AsArray().Single()!;
        Assert.Equal("ada.lovelace@example.com", (string)ada["userName"]!);
        Assert.Equal("Lovelace", (string)ada["name"]!["familyName"]!);
        Assert.Equal("ada.lovelace@example.com", (string)ada["emails"]![0]!["value"]!);
        Assert.Equal("Analytics", (string)ada[ScimPeer.EnterpriseSchema]!["department"]!);
        Assert.Equal(["Administrators", "Analytics"], ada["groups"]!.AsArray().Select(g => (string)g!["display"]!).Order());

        // The other filters the provider needs.
        var byEmail = Uri.EscapeDataString("emails.value eq \"ben.okafor@example.com\"");
        Assert.Equal(1, (int)(await SendAsync(client, HttpMethod.Get, $"Users?filter={byEmail}")).Body!["totalResults"]!);
        var inactive = Uri.EscapeDataString("active eq false");
        Assert.Equal(2, (int)(await SendAsync(client, HttpMethod.Get, $"Users?filter={inactive}")).Body!["totalResults"]!);
        var group = Uri.EscapeDataString("displayName eq \"Data Platform\"");
        Assert.Equal(1, (int)(await SendAsync(client, HttpMethod.Get, $"Groups?filter={group}")).Body!["totalResults"]!);
        var none = Uri.EscapeDataString("userName eq \"nobody@example.com\"");
        Assert.Equal(0, (int)(await SendAsync(client, HttpMethod.Get, $"Users?filter={none}")).Body!["totalResults"]!);
    }

    [Fact]
    public async Task PagingWithStartIndexAndCountWalksEveryUserOnce()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { MaxResults = 15 });
        using var client = ClientFor(peer);
        var seen = new List<string>();
        var pages = 0;
        for (var startIndex = 1; ; pages++)
        {
            // Asks for more than maxResults: the peer caps the page.
            var (status, page, _) = await SendAsync(client, HttpMethod.Get, $"Users?startIndex={startIndex}&count=100");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(40, (int)page!["totalResults"]!);
            Assert.Equal(startIndex, (int)page["startIndex"]!);
            var resources = page["Resources"]!.AsArray();
            Assert.True(resources.Count <= 15, $"page of {resources.Count}");
            if (resources.Count == 0) break;
            seen.AddRange(resources.Select(r => (string)r!["userName"]!));
            startIndex += resources.Count;
        }
        Assert.Equal(3, pages);
        Assert.Equal(40, seen.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(40, seen.Count);

        var (_, second, _) = await SendAsync(client, HttpMethod.Get, "Users?startIndex=11&count=10");
        Assert.Equal(seen.Skip(10).Take(10), second!["Resources"]!.AsArray().Select(r => (string)r!["userName"]!));
        Assert.Equal(5, await peer.CallsAsync("GET", "/Users"));
    }

    [Fact]
    public async Task PatchAddsAndRemovesGroupMembers()
    {
        await using var peer = await ScimPeer.StartAsync();
        using var client = ClientFor(peer);
        var group = (await peer.FindGroupAsync("Contractors"))!;
        var ben = (await peer.FindUserAsync("ben.okafor@example.com"))!;
        var chloe = (await peer.FindUserAsync("chloe.martin@example.com"))!;
        var path = $"Groups/{(string)group["id"]!}";

        var add = PatchOp(new JsonObject
        {
            ["op"] = "add", ["path"] = "members",
            ["value"] = new JsonArray(new JsonObject { ["value"] = (string)ben["id"]! }, new JsonObject { ["value"] = (string)chloe["id"]! }),
        });
        var (addStatus, added, _) = await SendAsync(client, HttpMethod.Patch, path, add);
        Assert.Equal(HttpStatusCode.OK, addStatus);
        Assert.Equal(2, added!["members"]!.AsArray().Count);
        Assert.Equal(["ben.okafor@example.com", "chloe.martin@example.com"], await peer.MembersOfAsync("Contractors"));
        Assert.Contains("Contractors", await peer.GroupsOfAsync("ben.okafor@example.com"));

        var remove = PatchOp(new JsonObject { ["op"] = "remove", ["path"] = $"members[value eq \"{(string)ben["id"]!}\"]" });
        var (removeStatus, _, _) = await SendAsync(client, HttpMethod.Patch, path, remove);
        Assert.True(removeStatus is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{removeStatus}");
        Assert.Equal(["chloe.martin@example.com"], await peer.MembersOfAsync("Contractors"));
        Assert.DoesNotContain("Contractors", await peer.GroupsOfAsync("ben.okafor@example.com"));

        // The fixture's own reads are not counted; the two PATCHes are.
        Assert.Equal(2, await peer.CallsAsync("PATCH", "/Groups/{id}"));
        Assert.Equal(2, await peer.CallsAsync("PATCH", "/scim/v2/Groups/{id}"));
        await peer.ClearRequestLogAsync();
        Assert.Equal(0, await peer.CallsAsync("PATCH", "/Groups/{id}"));
    }

    [Fact]
    public async Task WithoutPatchSupportPatchIsRefusedAndChangesNothing()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { Patch = false });
        using var client = ClientFor(peer);
        var ada = (await peer.FindUserAsync("ada.lovelace@example.com"))!;

        var (status, body, _) = await SendAsync(client, HttpMethod.Patch, $"Users/{(string)ada["id"]!}",
            PatchOp(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["active"] = false } }));

        Assert.Equal(HttpStatusCode.NotImplemented, status);
        Assert.Equal(ErrorSchema, (string)body!["schemas"]![0]!);
        Assert.Equal("501", (string)body["status"]!);
        Assert.True(await peer.IsActiveAsync("ada.lovelace@example.com"));
    }

    [Fact]
    public async Task BulkOverMaxOperationsIsRefusedWith413AndChangesNothing()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { MaxOperations = 2 });
        using var client = ClientFor(peer);
        var bulk = Bulk(
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "a", ["data"] = NewUser("new.a@example.com") },
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "b", ["data"] = NewUser("new.b@example.com") },
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "c", ["data"] = NewUser("new.c@example.com") });

        var (status, body, _) = await SendAsync(client, HttpMethod.Post, "Bulk", bulk);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(ErrorSchema, (string)body!["schemas"]![0]!);
        Assert.False(await peer.UserExistsAsync("new.a@example.com"));
        Assert.Equal(1, await peer.CallsAsync("POST", "/Bulk"));
    }

    [Fact]
    public async Task BulkWithinTheLimitAnswersEachOperationsStatus()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { MaxOperations = 3 });
        using var client = ClientFor(peer);
        var milo = (await peer.FindUserAsync("milo.jovic@example.com"))!;
        var bulk = Bulk(
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "new", ["data"] = NewUser("new.person@example.com") },
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "taken", ["data"] = NewUser("ada.lovelace@example.com") },
            new JsonObject { ["method"] = "DELETE", ["path"] = $"/Users/{(string)milo["id"]!}" });

        var (status, body, _) = await SendAsync(client, HttpMethod.Post, "Bulk", bulk);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:BulkResponse", (string)body!["schemas"]![0]!);
        var results = body["Operations"]!.AsArray();
        Assert.Equal(["201", "409", "204"], results.Select(r => (string)r!["status"]!));
        Assert.Equal("new", (string)results[0]!["bulkId"]!);
        Assert.Equal("uniqueness", (string)results[1]!["response"]!["scimType"]!);
        Assert.True(await peer.UserExistsAsync("new.person@example.com"));
        Assert.False(await peer.UserExistsAsync("milo.jovic@example.com"));
    }

    [Fact]
    public async Task RequestsWithoutTheTokenAreRefusedWith401()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { Token = "s3cret" });
        using var anonymous = ClientFor(peer, token: null);
        using var wrong = ClientFor(peer, token: "peer-token");
        using var right = ClientFor(peer);

        foreach (var client in new[] { anonymous, wrong })
        {
            var (status, body, _) = await SendAsync(client, HttpMethod.Get, "Users");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal(ErrorSchema, (string)body!["schemas"]![0]!);
            Assert.Equal("401", (string)body["status"]!);
        }
        var (denied, _, _) = await SendAsync(anonymous, HttpMethod.Post, "Users", NewUser("sneaky@example.com"));
        Assert.Equal(HttpStatusCode.Unauthorized, denied);
        Assert.False(await peer.UserExistsAsync("sneaky@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(right, HttpMethod.Get, "Users")).Status);
    }

    [Fact]
    public async Task WithETagsAStaleIfMatchGets412()
    {
        await using var peer = await ScimPeer.StartAsync(new ScimPeerOptions { ETag = true });
        using var client = ClientFor(peer);
        var ada = (await peer.FindUserAsync("ada.lovelace@example.com"))!;
        var path = $"Users/{(string)ada["id"]!}";

        var (_, read, response) = await SendAsync(client, HttpMethod.Get, path);
        var version = (string)read!["meta"]!["version"]!;
        Assert.Equal(version, response.Headers.ETag?.ToString());

        var rename = PatchOp(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["displayName"] = "Countess Ada" } });
        var (fresh, changed, _) = await SendAsync(client, HttpMethod.Patch, path, rename, r => r.Headers.TryAddWithoutValidation("If-Match", version));
        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.NotEqual(version, (string)changed!["meta"]!["version"]!);

        var disable = PatchOp(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["active"] = false } });
        var (stale, error, _) = await SendAsync(client, HttpMethod.Patch, path, disable, r => r.Headers.TryAddWithoutValidation("If-Match", version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal(ErrorSchema, (string)error!["schemas"]![0]!);
        Assert.True(await peer.IsActiveAsync("ada.lovelace@example.com"));
    }
}
