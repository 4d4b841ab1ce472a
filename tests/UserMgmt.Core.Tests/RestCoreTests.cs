using System.Net;
using UserMgmt.Connections;
using UserMgmt.Rest;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

public sealed class RestCoreTests : SandboxTest
{
    [Fact]
    public async Task Verbose_and_debug_traces_show_requests_and_bodies_but_never_the_secret()
    {
        var log = new RecordingLog();
        using (CommandScope.Begin(log))
        {
            using var connection = await Sandbox.ConnectAsync();
            await connection.Client.SetAttributesAsync("user-001", new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["X"] }, default);
            // A server that echoes the key back in an error must not get it printed either.
            Sandbox.AnswerNextWith(HttpStatusCode.BadRequest, "application/json",
                $$"""{"message":"bad secretKey {{SandboxOptions.DemoSecretKey}}","status":false}""");
            var error = await Assert.ThrowsAsync<ApiException>(() => connection.Client.ListGroupsAsync(default));
            Assert.DoesNotContain(SandboxOptions.DemoSecretKey, error.Message);
            Assert.Contains(SecretRedactor.Mask, error.Message);
        }

        Assert.Contains("VERBOSE: PUT /admin/api/users/user-001 → 200 OK", log.All);
        Assert.Contains("DEBUG:   request body: {\"attributes\":{\"department\":[\"X\"]}}", log.All);
        Assert.DoesNotContain(SandboxOptions.DemoSecretKey, log.All);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Lines_a_log_does_not_show_are_never_built_for_it(bool verbose, bool debug)
    {
        var log = new RecordingLog(verbose, debug);
        using (CommandScope.Begin(log))
        {
            using var connection = await Sandbox.ConnectAsync();
            await connection.Client.SetAttributesAsync("user-001", new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["X"] }, default);
        }

        Assert.Equal(verbose, log.Lines.Any(l => l.StartsWith("VERBOSE: ")));
        Assert.Equal(debug, log.Lines.Any(l => l.StartsWith("DEBUG: ")));
    }

    [Theory]
    [InlineData("http://tenant.example.com", false, false)]
    [InlineData("http://tenant.example.com", true, true)]
    [InlineData("https://tenant.example.com", false, true)]
    [InlineData("http://127.0.0.1:5080", false, true)]
    [InlineData("http://localhost:5080", false, true)]
    [InlineData("http://[::1]:5080", false, true)]
    [InlineData("ftp://tenant.example.com", true, false)]
    public void Plain_http_is_refused_off_this_machine_unless_allowed(string uri, bool allowInsecure, bool accepted)
    {
        var validate = () => BaseUriPolicy.Validate(new Uri(uri), allowInsecure);
        if (accepted) validate();
        else Assert.Throws<ArgumentException>(validate);
    }

    [Theory]
    [InlineData("http://admin:hunter2-pw@127.0.0.1:5080")]
    [InlineData("https://admin:hunter2-pw@tenant.example.com")]
    [InlineData("https://hunter2-pw@tenant.example.com")]
    [InlineData("ftp://admin:hunter2-pw@tenant.example.com")]
    [InlineData("admin:hunter2-pw@tenant.example.com")]
    public void A_password_in_the_base_URI_is_refused_without_being_repeated(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() => BaseUriPolicy.Validate(new Uri(uri), allowInsecureHttp: true));

        Assert.DoesNotContain("hunter2-pw", error.Message);
    }

    [Fact]
    public async Task A_connection_is_never_opened_with_user_info_in_its_address()
    {
        var settings = Sandbox.Settings();
        var withPassword = new UriBuilder(settings.BaseUri) { UserName = "admin", Password = "hunter2-pw" }.Uri;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            UserMgmtConnection.OpenAsync(new ConnectionSettings { Provider = settings.Provider, BaseUri = withPassword, Credential = settings.Credential }, default));

        Assert.Contains("user name or password", error.Message);
        Assert.Equal(0, await Sandbox.CallsAsync("GET", "/admin/api/users/count"));
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_reports_the_service_unreachable()
    {
        var stopped = await TestSandbox.StartAsync();
        var settings = stopped.Settings();
        await stopped.DisposeAsync();

        var error = await Assert.ThrowsAsync<ServiceUnreachableException>(() => UserMgmtConnection.OpenAsync(settings, default));

        Assert.Null(error.StatusCode);
        Assert.Contains("/admin/api/users/count", error.Message);
    }

    [Fact]
    public async Task The_spec_shaped_group_body_is_accepted_too()
    {
        Sandbox.UseVariants(UserMgmt.Sandbox.Variants.SandboxVariant.DataGroupsBody);
        using var connection = await Sandbox.ConnectAsync(new Dictionary<string, object?> { ["groupassignmentshape"] = "datagroups" });
        var contractors = (await connection.Client.ListGroupsAsync(default)).Single(g => g.Name == "Contractors");

        await connection.Client.AddUserToGroupsAsync("user-002", [contractors], default);

        Assert.Contains("Contractors", Sandbox.GroupsOf("ben.okafor@example.com"));
    }
}
