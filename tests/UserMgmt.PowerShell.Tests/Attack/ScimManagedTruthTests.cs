using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// A user the platform lets only its SCIM client change: -WhatIf must not promise a change the real
/// run then sees refused, and the preview must still send nothing.
/// </summary>
public sealed class ScimManagedTruthTests : ModuleTest
{
    [Theory]
    [InlineData("Disable-User -User $email -Confirm:$false")]
    [InlineData("Add-UserGroup -User $email -Group Analytics")]
    [InlineData("Set-UserAttribute -User $email -Department Sales")]
    [InlineData("Invite-User -Email $email -Group Analytics")]
    public async Task A_change_to_a_SCIM_managed_user_fails_alike_in_the_preview_and_the_real_run(string command)
    {
        var email = DemoOrganisation.ScimManagedEmail;
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run(command + " -WhatIf", ("email", email));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run(command, ("email", email));

        Assert.Equal(real.Statuses(), preview.Statuses());
        Assert.Equal("Failed", Assert.Single(preview.Statuses()));
        Assert.Contains("SCIM", Assert.Single(preview.Values("Message"))?.ToString());
        Assert.Contains("SCIM", Assert.Single(real.Values("Message"))?.ToString());
        // An invitation nobody previews looks nobody up: its one refused call, which creates nobody, is how the
        // platform says the address is known. Nothing else is sent.
        Assert.Equal(command.StartsWith("Invite-User") ? 1 : 0, await Sandbox.WriteCallsAsync());
    }
}

/// <summary>The same for a group whose members only the platform's SCIM client may change.</summary>
public sealed class ScimManagedGroupTruthTests : ModuleTest
{
    [Theory]
    [InlineData("Add-UserGroup -User kara.singh@example.com -Group Contractors")]
    [InlineData("Remove-UserGroup -User ada.lovelace@example.com -Group Contractors")]
    [InlineData("Invite-User -Email new.person@company.com -Group Contractors")]
    public async Task A_membership_change_to_a_SCIM_managed_group_fails_alike_in_the_preview_and_the_real_run(string command)
    {
        Shell.Run("Add-UserGroup -User ada.lovelace@example.com -Group Contractors").ThrowIfFailed();
        ManageBySCIM("Contractors");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run(command + " -WhatIf");
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var real = Shell.Run(command + " -Confirm:$false");

        Assert.Equal("Failed", Assert.Single(preview.Statuses()));
        Assert.Equal(real.Statuses(), preview.Statuses());
        Assert.Contains("SCIM", Assert.Single(preview.Values("Message"))?.ToString());
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    private void ManageBySCIM(string group)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Sandbox.Host.Database.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE groups SET scim_managed = 1 WHERE name = @n";
        command.Parameters.AddWithValue("@n", group);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
