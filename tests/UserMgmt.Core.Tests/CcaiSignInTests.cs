using UserMgmt.Connections;
using UserMgmt.Providers;
using UserMgmt.Sandbox;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Issue 12 item 7: the platform signs in with the tenant's subdomain as user name (Google, "Apps API" and
/// "API credentials"). Given no user name, the client takes it from the tenant's address, or says what to give.
/// </summary>
public sealed class CcaiSignInTests : SandboxTest
{
    private static readonly ProviderDescriptor Ccai = ProviderRegistry.Get("Ccai");

    [Theory]
    [InlineData("https://customer.uc1.ccaiplatform.com", "customer")]
    [InlineData("https://customer.uc1.ccaiplatform.com/apps/api/v1/", "customer")]
    [InlineData("https://acme-eu.de1.ccaiplatform.com:8443/", "acme-eu")]
    public async Task Without_a_user_name_the_subdomain_of_the_tenants_address_signs_in(string tenant, string subdomain)
    {
        var completed = Ccai.SignInCredential(TestSandbox.Credential(accessKey: ""), new Uri(tenant));
        var asTheSandbox = Ccai.SignInCredential(TestSandbox.Credential(accessKey: " "), new Uri($"https://{SandboxOptions.DemoCcaiSubdomain}.uc1.ccaiplatform.com"));

        using var connection = await UserMgmtConnection.OpenAsync(Sandbox.Settings(asTheSandbox, provider: "Ccai"), default);

        Assert.Equal(subdomain, completed.UserName);
        Assert.Equal(SandboxOptions.DemoCcaiSubdomain, connection.UserName);
    }

    [Fact]
    public void A_user_name_given_is_kept_whatever_the_address()
    {
        var given = TestSandbox.Credential(accessKey: "tenant");

        Assert.Equal("tenant", Ccai.SignInCredential(given, new Uri("https://customer.uc1.ccaiplatform.com")).UserName);
    }

    [Fact]
    public async Task Without_a_user_name_an_address_with_no_subdomain_is_refused_before_anything_is_sent()
    {
        await Sandbox.ClearRequestLogAsync();

        var error = await Assert.ThrowsAsync<IncompleteCredentialException>(() =>
            UserMgmtConnection.OpenAsync(Sandbox.Settings(TestSandbox.Credential(accessKey: ""), provider: "Ccai"), default));

        Assert.Contains("subdomain", error.Message);
        Assert.Contains(Sandbox.BaseUri.Host, error.Message);
        Assert.DoesNotContain(SandboxOptions.DemoSecretKey, error.Message);
        Assert.Equal(0, Sandbox.Query("SELECT COUNT(*) FROM request_log", r => r.GetInt64(0)).Single());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://ccaiplatform.com/")]
    [InlineData("https://10.0.0.7/")]
    public void An_address_that_does_not_start_with_a_subdomain_gives_none(string address) =>
        Assert.Throws<IncompleteCredentialException>(() => Ccai.SignInCredential(TestSandbox.Credential(accessKey: ""), new Uri(address)));
}
