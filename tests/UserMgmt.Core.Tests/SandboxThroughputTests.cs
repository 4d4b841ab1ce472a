using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Store;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// What the sandbox does to answer faster changes no answer: pages read by key are the pages OFFSET gives, a search
/// for a whole address finds what the substring search finds, the request log counts every call answered, and reads
/// beside a write see the state before it or after it, never half of it.
/// </summary>
public sealed class SandboxThroughputTests : SandboxTest
{
    private const string UserList = "/admin/api/users/list";

    [Fact]
    public async Task Pages_walked_by_offset_are_the_pages_offset_gives_in_content_and_order()
    {
        Sandbox.AddUsers(250);
        using var client = Acceldata();

        foreach (var query in new[] { "", "&searchString=extra", "&enabled=true" })
        {
            // Walked twice: the second walk starts every page from a key remembered by the first.
            for (var walk = 0; walk < 2; walk++)
                for (var first = 0; first < 300; first += 37)
                {
                    var page = await EmailsAsync(client, $"{UserList}?first={first}&max=37{query}");
                    Assert.Equal(Reference(query, first, 37), page);
                }
        }
    }

    [Fact]
    public async Task A_page_after_a_change_outside_the_api_is_read_again_from_the_file_not_from_a_remembered_key()
    {
        Sandbox.AddUsers(100);
        using var client = Acceldata();
        for (var first = 0; first < 60; first += 20) await EmailsAsync(client, $"{UserList}?first={first}&max=20");

        // A user sorted before all others, written straight into the file, moves every later page by one.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Sandbox.Host.Database.Path};Pooling=False"))
        {
            connection.Open();
            connection.Execute("INSERT INTO users (id, email, created_on, updated_on) VALUES ('early', 'early@example.com', 0, 0)");
        }
        Assert.Equal(Reference("", 40, 20), await EmailsAsync(client, $"{UserList}?first=40&max=20"));

        // And one removed through the API moves them back.
        using (var removal = await client.DeleteAsync("/admin/api/users/early/remove-user")) removal.EnsureSuccessStatusCode();
        Assert.Equal(Reference("", 60, 20), await EmailsAsync(client, $"{UserList}?first=60&max=20"));
        Assert.Equal(Reference("", 60, 20), await EmailsAsync(client, $"{UserList}?first=60&max=20"));
    }

    [Fact]
    public async Task Ccai_pages_are_the_pages_offset_gives()
    {
        Sandbox.AddUsers(211);
        using var client = Ccai();
        for (var page = 1; page <= 5; page++)
        {
            using var answer = await client.GetAsync($"/apps/api/v1/users?page={page}&per_page=60");
            answer.EnsureSuccessStatusCode();
            var emails = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(u => u.GetProperty("email").GetString()!).ToList();
            Assert.Equal(Sandbox.Query("SELECT email FROM users WHERE scim_managed = 0 ORDER BY created_on, email LIMIT 60 OFFSET @o",
                r => r.GetString(0), ("@o", (page - 1) * 60)), emails);
        }
    }

    [Theory]
    [InlineData("ada.lovelace@example.com")]
    [InlineData("ADA.Lovelace@Example.COM")]
    [InlineData("a.lovelace@example.com")]
    [InlineData("lovelace@example")]
    [InlineData("@example.com")]
    [InlineData("a_a.lovelace@example.com")]
    [InlineData("odd@name")]
    [InlineData("ben.okafor@example.co")]
    [InlineData("nobody@example.com")]
    public async Task A_search_finds_what_the_substring_test_finds_whole_address_or_not(string search)
    {
        // Users a whole-address search must still find: the address inside a longer one, a name holding it, two @s,
        // and one whose address changed after it was written.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Sandbox.Host.Database.Path};Pooling=False"))
        {
            connection.Open();
            connection.Execute("""
                INSERT INTO users (id, email, first_name, created_on, updated_on) VALUES
                    ('longer', 'XADA.lovelace@example.com.au', NULL, 1, 1),
                    ('named', 'someone@example.org', 'Odd@Name ada.lovelace@example.com', 2, 2),
                    ('two-ats', 'x@ada.lovelace@example.com', NULL, 3, 3),
                    ('renamed', 'before@example.net', NULL, 4, 4);
                UPDATE users SET email = 'ben.okafor@example.com.br' WHERE id = 'renamed';
                """);
        }
        using var client = Acceldata();

        var found = await EmailsAsync(client, $"{UserList}?max=1000&searchString={Uri.EscapeDataString(search)}");

        var expected = Sandbox.Query("""
            SELECT email FROM users WHERE email LIKE '%' || @s || '%' OR first_name LIKE '%' || @s || '%' OR last_name LIKE '%' || @s || '%'
            ORDER BY created_on, email
            """, r => r.GetString(0), ("@s", search));
        Assert.Equal(expected, found);
        if (search.Equals("ada.lovelace@example.com", StringComparison.OrdinalIgnoreCase))
            Assert.Equal(new[] { "XADA.lovelace@example.com.au", "ada.lovelace@example.com", "someone@example.org", "x@ada.lovelace@example.com" },
                found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_whole_address_search_reads_the_index_only_for_one_address_without_wildcards()
    {
        Assert.Equal("ecalevol.ada", DirectoryStore.WholeAddressKey("ada.lovelace@example.com"));
        Assert.Null(DirectoryStore.WholeAddressKey("lovelace"));
        Assert.Null(DirectoryStore.WholeAddressKey("@example.com"));
        Assert.Null(DirectoryStore.WholeAddressKey("a@b@c"));
        Assert.Null(DirectoryStore.WholeAddressKey("a_b@example.com"));
        Assert.Null(DirectoryStore.WholeAddressKey("a%b@example.com"));
        Assert.Null(DirectoryStore.WholeAddressKey("\ud800x@example.com"));
        Assert.Equal("b\ud83d\ude00a", DirectoryStore.WholeAddressKey("a\ud83d\ude00b@example.com"));
    }

    [Fact]
    public async Task The_ccai_email_filter_finds_one_user_whatever_the_case()
    {
        using var client = Ccai();
        using var answer = await client.GetAsync("/apps/api/v1/users?email=ADA.LOVELACE@EXAMPLE.COM");
        answer.EnsureSuccessStatusCode();
        var emails = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(u => u.GetProperty("email").GetString()).ToList();
        Assert.Equal(["ada.lovelace@example.com"], emails);
    }

    [Fact]
    public async Task Counts_right_after_a_burst_of_concurrent_calls_include_every_call_answered()
    {
        using var client = Acceldata();
        await Sandbox.ClearRequestLogAsync();

        for (var round = 1; round <= 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
            {
                using var answer = await client.GetAsync($"{UserList}?first={i % 40}&max=5");
                answer.EnsureSuccessStatusCode();
            }));
            Assert.Equal(100 * round, await Sandbox.CallsAsync("GET", UserList));
            Assert.Equal(100 * round, Sandbox.Query("SELECT COUNT(*) FROM request_log", r => r.GetInt32(0)).Single());
        }

        await Sandbox.ClearRequestLogAsync();
        Assert.Equal(0, await Sandbox.ReadCallsAsync());
        using (var after = await client.GetAsync($"{UserList}?max=1")) after.EnsureSuccessStatusCode();
        Assert.Equal(1, await Sandbox.ReadCallsAsync());
    }

    [Fact]
    public async Task Reads_beside_an_open_write_answer_at_once_and_see_the_state_before_it_then_after_it()
    {
        using var client = Acceldata();
        var before = await GroupsAsync(client);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();

        var write = Task.Run(() => Sandbox.Host.Database.RunAsync(c =>
        {
            c.Execute("INSERT INTO groups (id, name, created_at) VALUES ('g1', 'Half One', 1), ('g2', 'Half Two', 2)");
            c.Execute("INSERT INTO memberships (user_id, group_id) VALUES ('user-001', 'g1')");
            entered.SetResult();
            release.Wait();
        }));
        await entered.Task;

        // The write holds SQLite's write lock until released: reads that waited for it would never answer.
        var during = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => GroupsAsync(client)));
        using (var user = await client.GetAsync("/admin/api/users/user-001/groups"))
            Assert.DoesNotContain("Half One", await user.Content.ReadAsStringAsync());
        release.Set();
        await write;

        Assert.All(during, seen => Assert.Equal(before, seen));
        var after = await GroupsAsync(client);
        Assert.Equal(before.Total + 2, after.Total);
        Assert.Contains("Half One", after.Names);
        Assert.Contains("Half Two", after.Names);
    }

    private sealed record GroupListing(int Total, List<string> Names)
    {
        public bool Equals(GroupListing? other) => other is not null && Total == other.Total && Names.SequenceEqual(other.Names);
        public override int GetHashCode() => Total;
    }

    private static async Task<GroupListing> GroupsAsync(HttpClient client)
    {
        using var answer = await client.GetAsync("/admin/api/groups/?first=0&last=1000");
        answer.EnsureSuccessStatusCode();
        var root = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var names = root.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToList();
        var total = root.GetProperty("meta").GetProperty("total").GetInt32();
        // A listing that agrees with itself: as many names as its total says.
        Assert.Equal(total, names.Count);
        return new GroupListing(total, names);
    }

    private List<string> Reference(string query, int first, int max)
    {
        var where = query switch
        {
            "" => "",
            "&searchString=extra" => "WHERE email LIKE '%extra%' OR first_name LIKE '%extra%' OR last_name LIKE '%extra%'",
            "&enabled=true" => "WHERE enabled = 1",
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        return Sandbox.Query($"SELECT email FROM users {where} ORDER BY created_on, email LIMIT @max OFFSET @first", r => r.GetString(0),
            ("@max", max), ("@first", first));
    }

    private static async Task<List<string>> EmailsAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(path);
        answer.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("users").EnumerateArray()
            .Select(u => u.GetProperty("email").GetString()!).ToList();
    }

    private HttpClient Acceldata()
    {
        var client = new HttpClient { BaseAddress = Sandbox.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("accessKey", SandboxOptions.DemoAccessKey);
        client.DefaultRequestHeaders.Add("secretKey", SandboxOptions.DemoSecretKey);
        return client;
    }

    private HttpClient Ccai()
    {
        var client = new HttpClient { BaseAddress = Sandbox.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sandbox.Host.Options.CcaiSubdomain}:{SandboxOptions.DemoSecretKey}")));
        return client;
    }
}
