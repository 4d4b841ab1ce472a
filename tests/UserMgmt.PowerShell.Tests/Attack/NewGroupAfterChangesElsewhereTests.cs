using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// New-Group skips a name the platform already has. That skip claims something about the platform, so it must not
/// rest on the groups an earlier command (or Connect-UserMgmt) read: a group deleted or renamed since is not there.
/// </summary>
public sealed class NewGroupAfterChangesElsewhereTests : ModuleTest
{
    [Fact]
    public void A_group_deleted_elsewhere_after_connecting_is_created_again()
    {
        Sandbox.DeleteGroup("Contractors");

        var run = Shell.Run("New-Group -Name Contractors").ThrowIfFailed();

        Assert.Equal(["Succeeded"], run.Statuses());
        Assert.True(Sandbox.GroupExists("Contractors"));
    }

    [Fact]
    public void The_old_name_of_a_group_renamed_elsewhere_is_free_to_create()
    {
        Sandbox.RenameGroup("Contractors", "Contractors 2025");

        var run = Shell.Run("New-Group -Name Contractors").ThrowIfFailed();

        Assert.Equal(["Succeeded"], run.Statuses());
        Assert.True(Sandbox.GroupExists("Contractors"));
    }
}
