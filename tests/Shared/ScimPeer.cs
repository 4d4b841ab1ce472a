using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Tests.Support;

/// <summary>How to start a <see cref="ScimPeer"/>: each switch of <c>tests/ScimPeer/server.mjs</c>.</summary>
public sealed record ScimPeerOptions
{
    public string Token { get; init; } = "peer-token";
    public bool Bulk { get; init; } = true;
    public int? MaxOperations { get; init; }
    public int? MaxPayload { get; init; }
    public bool Patch { get; init; } = true;
    public bool ETag { get; init; }
    public int? MaxResults { get; init; }

    /// <summary>Seed the sandbox's demo organisation (40 users, 6 groups); otherwise start empty.</summary>
    public bool SeedDemoOrganisation { get; init; } = true;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A third-party SCIM 2.0 service provider (scimmy, in node) of the test's own, on a free loopback port,
/// seeded by default with the same people and groups as the sandbox's demo organisation. Assertions read
/// it over its SCIM API with requests the peer does not count, so they never show in <see cref="CallsAsync"/>.
/// </summary>
public sealed class ScimPeer : IAsyncDisposable
{
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string ProbeHeader = "X-Scim-Peer-Probe";

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly string? _seedFile;
    private readonly HttpClient _http;

    private ScimPeer(Process process, StringBuilder stderr, string? seedFile, Uri root, string token)
    {
        _process = process;
        _stderr = stderr;
        _seedFile = seedFile;
        Root = root;
        BaseUri = new Uri(root, "scim/v2/");
        Token = token;
        _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Add(ProbeHeader, "1");
    }

    /// <summary>The peer's SCIM base URI, <c>http://127.0.0.1:port/scim/v2/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The server's root, where the test-only <c>/_peer</c> endpoints are.</summary>
    public Uri Root { get; }

    public string Token { get; }

    public static string PeerDirectory => Path.Combine(RepoPaths.Root, "tests", "ScimPeer");

    public static async Task<ScimPeer> StartAsync(ScimPeerOptions? options = null)
    {
        options ??= new ScimPeerOptions();
        var directory = PeerDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "scimmy")) || !Directory.Exists(Path.Combine(directory, "node_modules", "scimmy-routers")))
            throw new InvalidOperationException(
                $"The SCIM peer's packages are not installed in {Path.Combine(directory, "node_modules")}: run `npm ci --prefix tests/ScimPeer` from the repository root.");

        string? seedFile = null;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "server.mjs"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--token");
        start.ArgumentList.Add(options.Token);
        if (!options.Bulk) start.ArgumentList.Add("--no-bulk");
        if (!options.Patch) start.ArgumentList.Add("--no-patch");
        if (options.ETag) start.ArgumentList.Add("--etag");
        if (options.MaxOperations is { } ops) { start.ArgumentList.Add("--max-operations"); start.ArgumentList.Add(ops.ToString()); }
        if (options.MaxPayload is { } bytes) { start.ArgumentList.Add("--max-payload"); start.ArgumentList.Add(bytes.ToString()); }
        if (options.MaxResults is { } max) { start.ArgumentList.Add("--max-results"); start.ArgumentList.Add(max.ToString()); }
        if (options.SeedDemoOrganisation)
        {
            seedFile = Path.Combine(Path.GetTempPath(), $"usermgmt-scim-seed-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(seedFile, DemoSeedJson());
            start.ArgumentList.Add("--seed");
            start.ArgumentList.Add(seedFile);
        }

        var stderr = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("listening ", StringComparison.Ordinal) && int.TryParse(line["listening ".Length..], out var port))
                listening.TrySetResult(port);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("exited"));

        try
        {
            if (!process.Start()) throw new InvalidOperationException("node did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception)
        {
            DeleteQuietly(seedFile);
            throw new InvalidOperationException("The SCIM peer needs `node` (20 or later) on PATH.", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timeout = Task.Delay(options.StartTimeout);
        if (await Task.WhenAny(listening.Task, timeout) != listening.Task || !listening.Task.IsCompletedSuccessfully)
        {
            var exited = process.HasExited;
            KillQuietly(process);
            await process.WaitForExitAsync(); // lets the last stderr lines arrive
            DeleteQuietly(seedFile);
            string log;
            lock (stderr) log = stderr.ToString();
            throw new InvalidOperationException(
                (exited ? $"The SCIM peer exited with code {process.ExitCode} before listening." : $"The SCIM peer did not say it was listening within {options.StartTimeout}.")
                + $" Its stderr:\n{log}");
        }

        return new ScimPeer(process, stderr, seedFile, new Uri($"http://127.0.0.1:{listening.Task.Result}/"), options.Token);
    }

    /// <summary>The peer's stderr so far, for messages of failing tests.</summary>
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    // ---- Request log ---------------------------------------------------------------------------

    /// <summary>
    /// SCIM requests with this method and path since the log was last cleared. The path is relative to
    /// <see cref="BaseUri"/> (a leading <c>/scim/v2</c> is ignored), without query, ids as <c>{id}</c>:
    /// <c>CallsAsync("PATCH", "/Groups/{id}")</c>.
    /// </summary>
    public async Task<int> CallsAsync(string method, string path)
    {
        var wanted = NormalisePath(path);
        return (await RequestCountsAsync())
            .Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(NormalisePath(c.Path), wanted, StringComparison.OrdinalIgnoreCase))
            .Sum(c => c.Count);
    }

    /// <summary>Of <see cref="CallsAsync"/>, those the peer answered with a status of 400 or more.</summary>
    public async Task<int> RefusedAsync(string method, string path)
    {
        var wanted = NormalisePath(path);
        return (await RequestLogAsync())
            .Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(NormalisePath(c.Path), wanted, StringComparison.OrdinalIgnoreCase))
            .Sum(c => c.Refused);
    }

    /// <summary>Every SCIM request counted since the log was last cleared.</summary>
    public async Task<IReadOnlyList<(string Method, string Path, int Count)>> RequestCountsAsync() =>
        (await RequestLogAsync()).Select(r => (r.Method, r.Path, r.Count)).ToList();

    private async Task<List<(string Method, string Path, int Count, int Refused)>> RequestLogAsync()
    {
        using var response = await _http.GetAsync(new Uri(Root, "_peer/requests"));
        response.EnsureSuccessStatusCode();
        var rows = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return rows.Select(r => ((string)r!["method"]!, (string)r["path"]!, (int)r["count"]!, (int)r["refused"]!)).ToList();
    }

    public async Task ClearRequestLogAsync()
    {
        using var response = await _http.DeleteAsync(new Uri(Root, "_peer/requests"));
        response.EnsureSuccessStatusCode();
    }

    private static string NormalisePath(string path)
    {
        path = path.Split('?')[0];
        if (path.StartsWith("/scim/v2", StringComparison.OrdinalIgnoreCase)) path = path["/scim/v2".Length..];
        return "/" + path.Trim('/');
    }

    // ---- State, read over SCIM -----------------------------------------------------------------

    /// <summary>The userNames of the group's members (empty if there is no such group).</summary>
    public async Task<SortedSet<string>> MembersOfAsync(string groupName)
    {
        var group = await FindOneAsync("Groups", "displayName", groupName);
        var members = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (group?["members"] is not JsonArray list || list.Count == 0) return members;
        var userNames = (await ListAllAsync("Users")).ToDictionary(u => (string)u["id"]!, u => (string)u["userName"]!);
        foreach (var member in list)
            members.Add(userNames.TryGetValue((string)member!["value"]!, out var name) ? name : $"<unknown id {(string)member["value"]!}>");
        return members;
    }

    /// <summary>The displayNames of the groups whose members include the user (from the groups, not the user's derived <c>groups</c>).</summary>
    public async Task<SortedSet<string>> GroupsOfAsync(string userName)
    {
        var groups = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (await FindUserAsync(userName) is not { } user) return groups;
        var id = (string)user["id"]!;
        foreach (var group in await ListAllAsync("Groups"))
            if (group["members"] is JsonArray members && members.Any(m => (string?)m?["value"] == id))
                groups.Add((string)group["displayName"]!);
        return groups;
    }

    public async Task<bool> UserExistsAsync(string userName) => await FindUserAsync(userName) is not null;

    /// <summary>The user's <c>active</c>, or null if there is no such user or it has no <c>active</c>.</summary>
    public async Task<bool?> IsActiveAsync(string userName) =>
        (await FindUserAsync(userName))?["active"] is JsonValue v && v.TryGetValue<bool>(out var active) ? active : null;

    /// <summary>The user's enterprise-extension department, or null.</summary>
    public async Task<string?> DepartmentAsync(string userName) =>
        (string?)(await FindUserAsync(userName))?[EnterpriseSchema]?["department"];

    /// <summary>The user as the peer answers it, or null.</summary>
    public Task<JsonObject?> FindUserAsync(string userName) => FindOneAsync("Users", "userName", userName);

    public Task<JsonObject?> FindGroupAsync(string displayName) => FindOneAsync("Groups", "displayName", displayName);

    private async Task<JsonObject?> FindOneAsync(string endpoint, string attribute, string value)
    {
        var filter = $"{attribute} eq \"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
        var page = await GetJsonAsync($"{endpoint}?filter={Uri.EscapeDataString(filter)}");
        var resources = page["Resources"]?.AsArray() ?? [];
        if (resources.Count > 1) throw new InvalidOperationException($"The peer holds {resources.Count} {endpoint} with {filter}.");
        return resources.Count == 1 ? resources[0]!.AsObject() : null;
    }

    /// <summary>Every resource of the endpoint, page after page, as small as the peer's maxResults makes them.</summary>
    public async Task<List<JsonObject>> ListAllAsync(string endpoint)
    {
        var all = new List<JsonObject>();
        for (var startIndex = 1; ; )
        {
            var page = await GetJsonAsync($"{endpoint}?startIndex={startIndex}&count=100");
            var resources = page["Resources"]?.AsArray() ?? [];
            all.AddRange(resources.Select(r => r!.AsObject()));
            var total = (int)page["totalResults"]!;
            if (resources.Count == 0 || all.Count >= total) return all;
            startIndex += resources.Count;
        }
    }

    private async Task<JsonNode> GetJsonAsync(string relative)
    {
        using var response = await _http.GetAsync(relative);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {relative} on the SCIM peer answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    // ---- Demo organisation ---------------------------------------------------------------------

    /// <summary>The demo organisation's address for the person at this index, as the sandbox makes it.</summary>
    public static string DemoUserName(int index) => DemoOrganisation.People[index].Email;

    /// <summary>The seed file <c>server.mjs --seed</c> reads: the demo organisation's users and groups.</summary>
    public static string DemoSeedJson()
    {
        var users = new JsonArray();
        var members = DemoOrganisation.GroupNames.ToDictionary(g => g, _ => new JsonArray());
        foreach (var person in DemoOrganisation.People)
        {
            users.Add(new JsonObject
            {
                ["userName"] = person.Email,
                ["givenName"] = person.FirstName,
                ["familyName"] = person.LastName,
                ["active"] = person.Enabled,
                ["department"] = person.Department,
            });
            foreach (var group in person.Groups) members[group].Add(person.Email);
        }
        users.Add(new JsonObject
        {
            ["userName"] = DemoOrganisation.ScimManagedEmail,
            ["givenName"] = "Scim",
            ["familyName"] = "Sync",
            ["active"] = true,
        });
        var groups = new JsonArray(DemoOrganisation.GroupNames
            .Select(g => (JsonNode)new JsonObject { ["displayName"] = g, ["members"] = members[g] }).ToArray());
        return new JsonObject { ["users"] = users, ["groups"] = groups }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    // ---- Lifetime ------------------------------------------------------------------------------

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        KillQuietly(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        DeleteQuietly(_seedFile);
    }

    private static void KillQuietly(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already gone
    }

    private static void DeleteQuietly(string? file)
    {
        try { if (file is not null) File.Delete(file); }
        catch (IOException) { }
    }
}
