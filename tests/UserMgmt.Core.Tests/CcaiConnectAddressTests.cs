using System.Net;
using UserMgmt.Connections;
using UserMgmt.Rest;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// ccai.md A18: no source names the user-configuration path, so a 404 on connecting says the endpoint was not found
/// at that address, pointing at -BaseUri, and never reads as a credential problem.
/// </summary>
public sealed class CcaiConnectAddressTests : SandboxTest
{
    [Fact]
    public async Task A_base_address_with_no_Apps_API_behind_it_is_reported_as_the_endpoint_not_found_there()
    {
        var wrong = new Uri(Sandbox.BaseUri, "/tenant/");
        var settings = Sandbox.Settings(TestSandbox.Credential(SandboxOptions.DemoCcaiSubdomain), provider: "Ccai") with { BaseUri = wrong };

        var error = await Assert.ThrowsAsync<EndpointNotFoundException>(() => UserMgmtConnection.OpenAsync(settings, default));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.StartsWith($"The user-configuration endpoint was not found at {Sandbox.BaseUri}tenant/apps/api/v1/users (404", error.Message);
        Assert.Contains("Check -BaseUri", error.Message);
        Assert.DoesNotContain("credential", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SandboxOptions.DemoSecretKey, error.Message);
    }

    [Fact]
    public async Task A_404_from_the_platform_on_the_users_endpoint_is_the_endpoint_not_found_with_the_platforms_message()
    {
        Sandbox.AnswerNextWith(HttpStatusCode.NotFound, "application/json", """{"message":"No route matches"}""");

        var error = await Assert.ThrowsAsync<EndpointNotFoundException>(() => Sandbox.ConnectCcaiAsync());

        Assert.StartsWith($"The user-configuration endpoint was not found at {Sandbox.BaseUri}apps/api/v1/users (404 Not Found: No route matches)", error.Message);
    }
}
