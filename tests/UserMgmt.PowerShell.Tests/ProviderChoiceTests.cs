using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Connect-UserMgmt -Provider and -ProviderOption, as typed at the prompt, checked against the registry's providers.</summary>
public sealed class ProviderChoiceTests : ModuleTest
{
    protected override string? Provider => null;

    private Invocation ConnectWith(string arguments) => Shell.Run($$"""
        $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
        Connect-UserMgmt -BaseUri $uri -AccessKey $accessKey -SecretKey $secret -MaxRetry 0 {{arguments}}
        """, ("uri", Sandbox.BaseUri.ToString()), ("accessKey", SandboxOptions.DemoAccessKey), ("secretKey", SandboxOptions.DemoSecretKey));

    [Fact]
    public void A_provider_name_in_any_case_and_its_option_connect_and_commands_use_them()
    {
        // A tenant that takes only {"data": {"groups": [...]}}: the option is what makes the row succeed.
        Sandbox.UseVariants(UserMgmt.Sandbox.Variants.SandboxVariant.DataGroupsBody);
        var connected = ConnectWith("-Provider ACCELDATA -ProviderOption @{ groupassignmentshape = 'datagroups' }").ThrowIfFailed();
        Shell.Run("Add-UserGroup -User ben.okafor@example.com -Group Contractors").ThrowIfFailed();

        Assert.Equal("Acceldata", connected.Output.Single().Text("Provider"));
        Assert.Contains("Contractors", Sandbox.GroupsOf("ben.okafor@example.com"));
    }

    [Fact]
    public async Task An_unknown_provider_is_a_named_error_suggesting_the_closest_and_nothing_is_sent()
    {
        await Sandbox.ClearRequestLogAsync();

        var record = Assert.Single(ConnectWith("-Provider Acceldat").Errors);

        Assert.StartsWith("UserMgmt.UnknownProvider,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Contains("Did you mean 'Acceldata'?", record.Exception.Message);
        Assert.Equal(0, await Sandbox.CallsAsync("GET", "/admin/api/users/count"));
    }

    [Theory]
    [InlineData("-Provider Acceldata -ProviderOption @{ GroupShape = 'DataGroups' }", "has no option 'GroupShape'")]
    [InlineData("-Provider Acceldata -ProviderOption @{ GroupAssignmentShape = 'Groups' }", "takes GroupIds or GroupNames or DataGroups")]
    [InlineData("-Provider Ccai -ProviderOption @{ GroupAssignmentShape = 'DataGroups' }", "Provider Ccai takes no options")]
    public async Task An_option_the_provider_does_not_take_is_a_named_error_and_nothing_is_sent(string arguments, string expected)
    {
        await Sandbox.ClearRequestLogAsync();

        var record = Assert.Single(ConnectWith(arguments).Errors);

        Assert.StartsWith("UserMgmt.InvalidProviderOption,", record.FullyQualifiedErrorId);
        Assert.Contains(expected, record.Exception.Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync() + await Sandbox.CallsAsync("GET", "/admin/api/users/count"));
    }

    /// <summary>Issue 12 item 7: CCAI signs in with the tenant's subdomain; a secret without a key, at an address without a subdomain, says so and sends nothing.</summary>
    [Fact]
    public void A_Ccai_credential_without_a_user_name_at_an_address_without_a_subdomain_is_a_named_error_saying_what_to_give()
    {
        var run = Shell.Run("""
            $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
            Connect-UserMgmt -Provider Ccai -BaseUri $uri -SecretKey $secret -MaxRetry 0
            """, ("uri", Sandbox.BaseUri.ToString()), ("secretKey", SandboxOptions.DemoSecretKey));

        var record = Assert.Single(run.Errors);
        Assert.StartsWith("UserMgmt.IncompleteCredential,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Contains("subdomain", record.Exception.Message);
        Assert.DoesNotContain(SandboxOptions.DemoSecretKey, record.ToString());
        Assert.Equal(0, Sandbox.Query("SELECT COUNT(*) FROM request_log WHERE path LIKE '/apps/%'", r => r.GetInt64(0)).Single());
    }

    /// <summary>ccai.md A18: a 404 where the user-configuration endpoint should be points at -BaseUri, not at the credential.</summary>
    [Fact]
    public void A_Ccai_address_with_no_user_configuration_endpoint_is_a_named_error_pointing_at_BaseUri()
    {
        var run = Shell.Run("""
            $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
            Connect-UserMgmt -Provider Ccai -BaseUri $uri -AccessKey $subdomain -SecretKey $secret -MaxRetry 0
            """, ("uri", new Uri(Sandbox.BaseUri, "/tenant/").ToString()), ("subdomain", SandboxOptions.DemoCcaiSubdomain), ("secretKey", SandboxOptions.DemoSecretKey));

        var record = Assert.Single(run.Errors);
        Assert.StartsWith("UserMgmt.EndpointNotFound,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.StartsWith($"The user-configuration endpoint was not found at {Sandbox.BaseUri}tenant/apps/api/v1/users", record.Exception.Message);
        Assert.Contains("Check -BaseUri", record.Exception.Message);
        Assert.DoesNotContain("credential", record.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SandboxOptions.DemoSecretKey, record.ToString());
        Assert.Empty(run.Output);
    }

    [Fact]
    public void An_Acceldata_secret_without_its_key_is_a_named_error_and_sends_nothing()
    {
        var run = ConnectWith("-Provider Acceldata").ThrowIfFailed();
        var keyless = Shell.Run("""
            $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
            Connect-UserMgmt -Provider Acceldata -BaseUri $uri -SecretKey $secret -MaxRetry 0
            """, ("uri", Sandbox.BaseUri.ToString()), ("secretKey", SandboxOptions.DemoSecretKey));

        var record = Assert.Single(keyless.Errors);
        Assert.StartsWith("UserMgmt.IncompleteCredential,", record.FullyQualifiedErrorId);
        Assert.Contains("-AccessKey", record.Exception.Message);
        Assert.Single(run.Output);
    }
}
