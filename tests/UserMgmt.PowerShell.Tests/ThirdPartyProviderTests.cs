using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// The test-only provider, registered from outside the module, as a user meets it: Connect-UserMgmt
/// takes its name and option, and its own capabilities (not those of the API it speaks) decide the plan.
/// </summary>
public sealed class ThirdPartyProviderTests : ModuleTest
{
    protected override string? Provider => null;

    private Invocation ConnectWith(string option = "") => Shell.Run(
        $"Connect-UserMgmt -Provider relabelled -BaseUri $uri -Credential $credential -MaxRetry 0 {option}",
        ("uri", Sandbox.BaseUri.ToString()), ("credential", Credential));

    private static PSCredential Credential => new(UserMgmt.Sandbox.SandboxOptions.DemoAccessKey,
        new System.Net.NetworkCredential("", UserMgmt.Sandbox.SandboxOptions.DemoSecretKey).SecurePassword);

    [Fact]
    public void It_connects_under_its_own_name_and_platform()
    {
        var connection = ConnectWith().ThrowIfFailed().Output.Single();

        Assert.Equal(ThirdPartyProvider.Name, connection.Text("Provider"));
        Assert.Equal(ThirdPartyProvider.Platform, connection.Text("Platform"));
    }

    [Fact]
    public async Task Membership_goes_one_user_at_a_time_as_its_capabilities_say_though_its_API_could_do_a_group_at_once()
    {
        ConnectWith().ThrowIfFailed();
        var rows = CsvRows.From("Email\ndev.patel@example.com\nchloe.martin@example.com");
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", rows);

        Assert.Equal(["Succeeded", "Succeeded"], run.Statuses());
        Assert.Equal(2, await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}/assign-groups"));
        Assert.Equal(0, await Sandbox.CallsAsync("PUT", "/admin/api/groups/{groupId}"));
    }

    /// <summary>What it cannot do fails at plan time, naming the platform: the same under -WhatIf and for real, and nothing is sent.</summary>
    [Theory]
    [InlineData("", "Email,Title\ndev.patel@example.com,Lead", "$input | Set-UserAttribute", "keeps only the attributes Location and Department; 'title' cannot be set.")]
    [InlineData("-ProviderOption @{ Groups = 'Fixed' }", "Name\nNight Shift", "$input | New-Group", "cannot create groups through its API; 'Night Shift' was not created.")]
    public async Task What_it_cannot_do_fails_at_plan_time_under_WhatIf_and_for_real(string option, string csv, string command, string expected)
    {
        ConnectWith(option).ThrowIfFailed();
        var rows = CsvRows.From(csv);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run(command + " -WhatIf", rows);
        var run = Shell.Run(command, rows);

        foreach (var invocation in new[] { preview, run })
        {
            var result = Assert.Single(invocation.Output);
            Assert.Equal("Failed", result.Text("Status"));
            Assert.Equal($"{ThirdPartyProvider.Platform} {expected}", result.Text("Message"));
            Assert.Same(rows[0], Assert.Single(invocation.Errors).TargetObject);
        }
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }
}
