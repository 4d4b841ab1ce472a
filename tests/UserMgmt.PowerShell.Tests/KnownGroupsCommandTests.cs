using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Commands on one connection reuse the groups it last read, and never where that could send a change astray:
/// a failed row piped again reads the platform, and Get-Group refreshes what later commands resolve names with.
/// </summary>
public sealed class KnownGroupsCommandTests : ModuleTest
{
    private const string GroupList = "/admin/api/groups/";
    private const string Csv = "Email\nkara.singh@example.com\nliam.murphy@example.com";

    [Fact]
    public async Task Commands_after_connecting_read_no_group_list()
    {
        await Sandbox.ClearRequestLogAsync();

        Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();
        Shell.Run("$input | Remove-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(0, await Sandbox.CallsAsync("GET", GroupList));
        Assert.DoesNotContain("kara.singh@example.com", Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public async Task A_preview_reads_the_groups_afresh_and_the_run_after_it_goes_by_them()
    {
        Sandbox.RenameGroup("Contractors", "Contractors 2025");
        Sandbox.AddGroup("contractors-2026", "Contractors");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Add-UserGroup -Group Contractors -WhatIf", CsvRows.From(Csv)).ThrowIfFailed();
        Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["WhatIf", "WhatIf"], preview.Statuses());
        Assert.Equal(1, await Sandbox.CallsAsync("GET", GroupList));
        Assert.Equal(["kara.singh@example.com", "liam.murphy@example.com"], Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public void A_row_failed_for_a_group_made_again_elsewhere_succeeds_when_piped_again()
    {
        Sandbox.DeleteGroup("Contractors");
        Sandbox.AddGroup("contractors-2026", "Contractors");

        var first = Shell.Run("$input | Add-UserGroup -Group Contractors -ErrorAction SilentlyContinue", CsvRows.From(Csv));
        var again = Shell.Run("$input | Where-Object Status -eq 'Failed' | ForEach-Object InputObject | Add-UserGroup -Group Contractors",
            first.Output.Cast<object>()).ThrowIfFailed();

        Assert.Equal(["Failed", "Failed"], first.Statuses());
        Assert.Equal(["Succeeded", "Succeeded"], again.Statuses());
        Assert.Equal(["kara.singh@example.com", "liam.murphy@example.com"], Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public void Get_Group_refreshes_the_names_later_commands_resolve()
    {
        Sandbox.RenameGroup("Contractors", "Contractors 2025");
        Sandbox.AddGroup("contractors-2026", "Contractors");

        Shell.Run("$null = Get-Group").ThrowIfFailed();
        Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["kara.singh@example.com", "liam.murphy@example.com"], Sandbox.MembersOf("Contractors"));
        Assert.Empty(Sandbox.MembersOf("Contractors 2025"));
    }

    [Fact]
    public void A_group_New_Group_made_is_known_to_the_next_command()
    {
        Shell.Run("New-Group -Name 'Night Shift'").ThrowIfFailed();

        var run = Shell.Run("$input | Add-UserGroup -Group 'Night Shift'", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], run.Statuses());
    }
}
