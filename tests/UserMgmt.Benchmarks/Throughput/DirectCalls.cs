using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using UserMgmt.Sandbox;

namespace UserMgmt.Benchmarks.Throughput;

/// <summary>
/// The two approaches that call the admin API by hand, with a plain HttpClient and no engine: the
/// script a person writes first, and the best any client could do.
/// </summary>
public static class DirectCalls
{
    // The limits the sandbox holds Acceldata calls to (AcceldataLimits, which the sandbox keeps to itself).
    public const int InvitationsPerCall = 100;
    public const int MembersPerGroupUpdate = 100;

    public static HttpClient NewClient(Uri baseUri, int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
    {
        BaseAddress = baseUri,
        DefaultRequestHeaders = { { "accessKey", SandboxOptions.DemoAccessKey }, { "secretKey", SandboxOptions.DemoSecretKey } },
    };

    /// <summary>
    /// foreach ($row in $rows) { Invoke-RestMethod ... }: one call per row, one at a time; for changes to
    /// existing users, the user is first looked up by address, as a script knows only the address. Stops
    /// after <paramref name="limit"/>; answers the rows done and the time they took.
    /// </summary>
    public static async Task<(int Rows, TimeSpan Elapsed)> NaiveAsync(Uri baseUri, Change change, int rows, TimeSpan limit)
    {
        using var http = NewClient(baseUri, 1);
        var clock = Stopwatch.StartNew();
        var done = 0;
        for (var row = 1; row <= rows && clock.Elapsed < limit; row++, done++)
        {
            switch (change)
            {
                case Change.Invite:
                    await SendAsync(http, HttpMethod.Post, "admin/api/users/invite-users",
                        JsonSerializer.Serialize(new { emails = new[] { Addresses.Invitee(row) }, groups = Array.Empty<string>(), sendEmail = false }));
                    break;
                case Change.Membership:
                    var member = await FindUserIdAsync(http, Addresses.Member(row));
                    await SendAsync(http, HttpMethod.Put, $"admin/api/users/{member}/assign-groups",
                        JsonSerializer.Serialize(new { groupIds = new[] { Addresses.GroupId } }));
                    break;
                case Change.Attributes:
                    var user = await FindUserIdAsync(http, Addresses.Member(row));
                    await SendAsync(http, HttpMethod.Put, $"admin/api/users/{user}", AttributesBody);
                    break;
            }
        }
        return (done, clock.Elapsed);
    }

    private static readonly string AttributesBody =
        JsonSerializer.Serialize(new { attributes = new Dictionary<string, string[]> { ["department"] = [Addresses.Department] } });

    private static async Task<string> FindUserIdAsync(HttpClient http, string email)
    {
        using var answer = await http.GetAsync($"admin/api/users/list?first=0&max=100&searchString={Uri.EscapeDataString(email)}");
        answer.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStreamAsync());
        foreach (var user in body.RootElement.GetProperty("users").EnumerateArray())
            if (string.Equals(user.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase))
                return user.GetProperty("userId").GetString()!;
        throw new InvalidOperationException($"{email} is not in the directory.");
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var answer = await http.SendAsync(request);
        if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The calls a client that knew everything in advance would send: ids known, as many rows a call as the
    /// platform takes (100 invitations; 100 members a group update; one user's attributes), bodies serialised
    /// before the clock starts.
    /// </summary>
    /// <summary>
    /// The ways the platform takes the change, each as its calls: membership goes either 100 users a group update or one
    /// user a call (assign-groups), and neither is always faster, as the sandbox answers a group update with all its members.
    /// </summary>
    public static IReadOnlyList<(string Shape, IReadOnlyList<(HttpMethod Method, string Path, byte[] Body)> Calls)> Shapes(Change change, int rows) =>
        change == Change.Membership
            ? [("per group", Prepare(change, rows)), ("per user", PrepareAssignGroups(rows))]
            : [("", Prepare(change, rows))];

    private static IReadOnlyList<(HttpMethod Method, string Path, byte[] Body)> PrepareAssignGroups(int rows)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { groupIds = new[] { Addresses.GroupId } });
        return Enumerable.Range(1, rows).Select(row => (HttpMethod.Put, $"admin/api/users/{Addresses.MemberId(row)}/assign-groups", body)).ToList();
    }

    public static IReadOnlyList<(HttpMethod Method, string Path, byte[] Body)> Prepare(Change change, int rows)
    {
        var calls = new List<(HttpMethod, string, byte[])>();
        switch (change)
        {
            case Change.Invite:
                foreach (var chunk in Enumerable.Range(1, rows).Chunk(InvitationsPerCall))
                    calls.Add((HttpMethod.Post, "admin/api/users/invite-users", JsonSerializer.SerializeToUtf8Bytes(
                        new { emails = chunk.Select(Addresses.Invitee), groups = Array.Empty<string>(), sendEmail = false })));
                break;
            case Change.Membership:
                foreach (var chunk in Enumerable.Range(1, rows).Chunk(MembersPerGroupUpdate))
                    calls.Add((HttpMethod.Put, $"admin/api/groups/{Addresses.GroupId}", JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        name = Addresses.GroupName, usersAdded = chunk.Select(Addresses.MemberId), usersRemoved = Array.Empty<string>(),
                        rolesAdded = Array.Empty<string>(), rolesRemoved = Array.Empty<string>(),
                        addDomainRoleMappings = Array.Empty<string>(), removeDomainRoleMappings = Array.Empty<string>(),
                    })));
                break;
            case Change.Attributes:
                var body = Encoding.UTF8.GetBytes(AttributesBody);
                for (var row = 1; row <= rows; row++) calls.Add((HttpMethod.Put, $"admin/api/users/{Addresses.MemberId(row)}", body));
                break;
        }
        return calls;
    }

    /// <summary>Sends the prepared calls, <paramref name="concurrency"/> at a time; a refused call fails the run.</summary>
    public static async Task<TimeSpan> HandBatchedAsync(Uri baseUri, IReadOnlyList<(HttpMethod Method, string Path, byte[] Body)> calls, int concurrency)
    {
        using var http = NewClient(baseUri, concurrency);
        var requests = calls.Select(c => new HttpRequestMessage(c.Method, c.Path)
        {
            Content = new ByteArrayContent(c.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        }).ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (request, token) =>
        {
            using var answer = await http.SendAsync(request, token);
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(token)}");
            // Read to the end, as any client must before reusing the connection.
            await answer.Content.CopyToAsync(Stream.Null, token);
        });
        clock.Stop();
        foreach (var request in requests) request.Dispose();
        return clock.Elapsed;
    }
}
