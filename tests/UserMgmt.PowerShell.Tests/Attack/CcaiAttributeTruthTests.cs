using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>On CCAI Platform, what Set-UserAttribute previews and reports is what the platform then holds.</summary>
public sealed class CcaiAttributeTruthTests : ModuleTest
{
    protected override string? Provider => "Ccai";

    /// <summary>Issue 12 item 6: the vendor's file table takes null for a location, which empties it; an agent number it does not.</summary>
    [Fact]
    public async Task Clearing_a_location_empties_it_and_clearing_an_agent_number_fails_alike_in_the_preview_and_the_real_run()
    {
        const string email = "ada.lovelace@example.com";
        Assert.NotEmpty(Location(email));
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Set-UserAttribute -User $email -Attribute @{ location = '' } -WhatIf", ("email", email));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run("Set-UserAttribute -User $email -Attribute @{ location = '' }", ("email", email));
        var agentPreview = Shell.Run("Set-UserAttribute -User $email -Attribute @{ agentNumber = '' } -WhatIf", ("email", email));
        var agentReal = Shell.Run("Set-UserAttribute -User $email -Attribute @{ agentNumber = '' }", ("email", email));

        Assert.Empty(Location(email));
        Assert.Equal("Succeeded", Assert.Single(real.Statuses()));
        Assert.DoesNotContain("Failed", preview.Statuses());
        Assert.Equal("Failed", Assert.Single(agentReal.Statuses()));
        Assert.Equal(agentReal.Statuses(), agentPreview.Statuses());
    }

    [Theory]
    [InlineData("Nowhere", "CCAI Platform has no location 'Nowhere'; location must be one of 'Berlin', 'Lisbon', 'Remote'. Only the locations someone holds can be read: a location nobody holds yet must first be given to one user on CCAI Platform itself.")]
    [InlineData("Berln", "CCAI Platform has no location 'Berln'; location must be one of 'Berlin', 'Lisbon', 'Remote'. Did you mean 'Berlin'? Only the locations someone holds can be read: a location nobody holds yet must first be given to one user on CCAI Platform itself.")]
    [InlineData("a;b", "CCAI Platform holds a single location, not 2 ('a', 'b'); location must be one of 'Berlin', 'Lisbon', 'Remote'.")]
    // Two locations it knows would still reach the platform as the one location "Berlin;Lisbon", which it does not know.
    [InlineData("Berlin; Lisbon", "CCAI Platform holds a single location, not 2 ('Berlin', 'Lisbon'); location must be one of 'Berlin', 'Lisbon', 'Remote'.")]
    public async Task A_location_the_platform_does_not_know_fails_alike_in_the_preview_and_the_real_run(string location, string message)
    {
        const string email = "ada.lovelace@example.com";
        var before = Location(email);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Set-UserAttribute -User $email -Location $location -WhatIf", ("email", email), ("location", location));
        var real = Shell.Run("Set-UserAttribute -User $email -Location $location", ("email", email), ("location", location));

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Equal(before, Location(email));
        foreach (var run in new[] { preview, real })
        {
            Assert.Equal("Failed", Assert.Single(run.Statuses()));
            Assert.Equal(message, Assert.Single(run.Output).Text("Message"));
            Assert.EndsWith(": " + message, Assert.Single(run.Errors).Exception.Message);
        }
    }

    [Fact]
    public async Task Every_row_of_a_command_is_checked_against_one_read_of_the_locations()
    {
        var rows = CsvRows.From("""
            Email,Location
            ada.lovelace@example.com,Nowhere
            ben.okafor@example.com,Berlin
            dev.patel@example.com,Remote
            """);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Set-UserAttribute -WhatIf", rows);

        Assert.Equal(["Failed", "WhatIf", "WhatIf"], preview.Statuses());
        Assert.Equal(1, await Sandbox.CallsAsync("GET", "/apps/api/v1/bulk/users/template"));
    }

    private string Location(string email) =>
        Sandbox.Query("SELECT COALESCE(location, '') FROM users WHERE email = @e", r => r.GetString(0), ("@e", email)).Single();
}
