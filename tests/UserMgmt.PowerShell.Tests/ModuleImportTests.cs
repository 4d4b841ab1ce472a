using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>The module loads through its manifest and answers as a user's session would.</summary>
public sealed class ModuleImportTests : ModuleTest
{
    [Fact]
    public void The_manifest_exports_every_cmdlet_and_the_alias()
    {
        var names = Shell.Run("(Get-Module UserMgmt).ExportedCommands.Keys").ThrowIfFailed().Output.Select(o => o.ToString()).ToList();

        Assert.Contains("Invite-User", names);
        Assert.Contains("New-UserInvitation", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Get_User_reads_the_sandbox_through_the_connection()
    {
        var users = Shell.Run("Get-User -All").ThrowIfFailed();

        Assert.Equal(Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single(), users.Output.Count);
    }

    [Fact]
    public void Csv_rows_invite_and_a_second_run_skips()
    {
        var rows = CsvRows.From("""
            Email,Groups
            ann@company.com,Contractors;Read-Only-Access
            bo@company.com,Contractors
            """);

        var first = Shell.Run("$input | Invite-User", rows).ThrowIfFailed();
        var second = Shell.Run("$input | Invite-User", rows).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], first.Values("Status").Select(s => s?.ToString()));
        Assert.Equal(["Skipped", "Skipped"], second.Values("Status").Select(s => s?.ToString()));
        Assert.Equal(["Contractors", "Read-Only-Access"], Sandbox.GroupsOf("ann@company.com"));
    }
}
