using UserMgmt.Connections;
using UserMgmt.FakeProvider;
using UserMgmt.Operations;
using UserMgmt.Providers;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Registry;

/// <summary>Providers are found, configured and built through the registry alone.</summary>
public sealed class ProviderRegistryTests : SandboxTest
{
    public ProviderRegistryTests() => RelabelledDescriptor.EnsureRegistered();

    private Task<UserMgmtConnection> ConnectAsync(string provider, IReadOnlyDictionary<string, object?>? options = null) =>
        UserMgmtConnection.OpenAsync(Sandbox.Settings(options: options, provider: provider), default);

    [Theory]
    [InlineData("Acceldata")]
    [InlineData("Ccai")]
    [InlineData("AppXite")]
    public async Task A_secret_key_too_short_to_mask_is_refused_before_anything_is_sent(string provider)
    {
        await Sandbox.ClearRequestLogAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => UserMgmtConnection.OpenAsync(
            Sandbox.Settings(TestSandbox.Credential(UserMgmt.Sandbox.SandboxOptions.DemoAccessKey, "x7q"), provider: provider), default));

        Assert.Contains("shorter than 4 characters", error.Message);
        Assert.DoesNotContain("x7q", error.Message);
        Assert.Equal(0, await Sandbox.ReadCallsAsync() + await Sandbox.WriteCallsAsync());
    }

    [Theory]
    [InlineData("Acceldata", "x7q ")]
    [InlineData("AppXite", " x7q")]
    [InlineData("Ccai", "\tx7q\n")]
    public async Task A_short_secret_key_padded_with_white_space_is_refused_as_short(string provider, string secret)
    {
        await Sandbox.ClearRequestLogAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => UserMgmtConnection.OpenAsync(
            Sandbox.Settings(TestSandbox.Credential(UserMgmt.Sandbox.SandboxOptions.DemoAccessKey, secret), provider: provider), default));

        Assert.Contains("shorter than 4 characters", error.Message);
        Assert.Equal(0, await Sandbox.ReadCallsAsync() + await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task A_provider_registered_from_outside_the_engine_connects_and_runs_a_command()
    {
        using var connection = await ConnectAsync("RELABELLED");
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanInvitationsAsync(Rows.Invitations(["new.hire@example.com"], "Contractors"), default));

        Assert.Equal("Relabelled", connection.Provider);
        Assert.Equal("Relabelled Cloud", connection.Platform);
        Assert.Equal(OperationStatus.Succeeded, Assert.Single(results).Status);
        Assert.Equal(1, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
        Assert.Equal(["Contractors"], Sandbox.GroupsOf("new.hire@example.com"));
    }

    [Fact]
    public async Task Its_option_and_capabilities_decide_what_is_planned()
    {
        using var connection = await ConnectAsync("Relabelled", new Dictionary<string, object?> { ["groups"] = "fixed" });
        await Sandbox.ClearRequestLogAsync();

        var results = await Rows.ApplyAsync(connection, p => p.PlanNewGroupsAsync([new NewGroupRequest(1, null, "Night Shift", null)], default));

        var result = Assert.Single(results);
        Assert.Equal(OperationStatus.Failed, result.Status);
        Assert.Contains("Relabelled Cloud cannot create groups", result.Message);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_the_known_ones_and_the_closest()
    {
        var error = await Assert.ThrowsAsync<UnknownProviderException>(() => ConnectAsync("Acceldat"));

        Assert.Contains("Did you mean 'Acceldata'?", error.Message);
        Assert.Contains("Acceldata, Ccai", error.Message);
        Assert.Equal(0, await Sandbox.CallsAsync("GET", "/admin/api/users/count"));
    }

    [Theory]
    [InlineData("GroupAssignmentShap", "DataGroups", "Did you mean 'GroupAssignmentShape'?")]
    [InlineData("GroupAssignmentShape", "Data", "takes GroupIds or GroupNames or DataGroups")]
    public async Task A_misspelt_option_or_value_is_refused_before_anything_is_sent(string name, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => ConnectAsync("Acceldata", new Dictionary<string, object?> { [name] = value }));

        Assert.Contains(expected, error.Message);
        Assert.Equal(0, await Sandbox.CallsAsync("GET", "/admin/api/users/count"));
    }

    [Fact]
    public async Task A_provider_without_options_refuses_any()
    {
        var error = await Assert.ThrowsAsync<ProviderOptionException>(() => ConnectAsync("ccai", new Dictionary<string, object?> { ["GroupAssignmentShape"] = "DataGroups" }));

        Assert.Contains("Provider Ccai takes no options", error.Message);
    }

    [Fact]
    public void Every_provider_has_a_bulk_job_client_exactly_where_its_capabilities_say()
    {
        foreach (var descriptor in ProviderRegistry.All)
        {
            using var provider = descriptor.Create(Sandbox.Settings(provider: descriptor.Name), ProviderOptions.Resolve(descriptor, null));
            Assert.True(descriptor.Capabilities.HasBulkJobs == provider.BulkJobs is not null, $"{descriptor.Name}: HasBulkJobs is {descriptor.Capabilities.HasBulkJobs}");
            Assert.Equal(descriptor.Capabilities, provider.Capabilities);
        }
        Assert.Contains(ProviderRegistry.All, p => p.Capabilities.HasBulkJobs);
    }

    [Fact]
    public void A_second_provider_of_the_same_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ProviderRegistry.Register(new RelabelledDescriptor()));
    }
}
