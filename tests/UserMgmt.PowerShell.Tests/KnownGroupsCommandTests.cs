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
    public async Task Commands_with_nothing_to_change_read_no_group_list()
    {
        Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();
        await Sandbox.ClearRequestLogAsync();

        var again = Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["Skipped", "Skipped"], again.Statuses());
        Assert.Equal(0, await Sandbox.CallsAsync("GET", GroupList));
    }

    [Fact]
    public void A_preview_reads_the_groups_afresh_and_the_run_after_it_goes_by_them()
    {
        Sandbox.RenameGroup("Contractors", "Contractors 2025");
        Sandbox.AddGroup("contractors-2026", "Contractors");
        var preview = Shell.Run("$input | Add-UserGroup -Group Contractors -WhatIf", CsvRows.From(Csv)).ThrowIfFailed();
        Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["WhatIf", "WhatIf"], preview.Statuses());
        Assert.Equal(["kara.singh@example.com", "liam.murphy@example.com"], Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public void A_group_made_again_elsewhere_is_the_one_changed()
    {
        Sandbox.DeleteGroup("Contractors");
        Sandbox.AddGroup("contractors-2026", "Contractors");

        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], run.Statuses());
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
