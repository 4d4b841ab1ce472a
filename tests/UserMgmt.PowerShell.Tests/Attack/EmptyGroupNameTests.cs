using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// An empty group name — an empty cell, an unset variable's '' — names no group. It must not read as
/// "every group" or "the first group", since what is read is then piped into changes.
/// </summary>
public sealed class EmptyGroupNameTests : ModuleTest
{
    [Fact]
    public void Get_User_Group_with_an_empty_name_lists_nobody_and_says_no_group_has_it()
    {
        var run = Shell.Run("Get-User -Group ''");

        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.Equal("UserMgmt.GroupNotFound,UserMgmt.Commands.GetUserCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void An_empty_group_name_piped_on_to_Disable_User_disables_nobody()
    {
        var administrators = Sandbox.MembersOf("Administrators");

        Shell.Run("Get-User -Group $team | Disable-User -Confirm:$false", ("team", ""));

        Assert.All(administrators, email => Assert.True(Sandbox.IsEnabled(email)));
    }

    [Fact]
    public void Get_Group_with_an_empty_name_returns_no_group()
    {
        var run = Shell.Run("Get-Group -Name ''");

        Assert.Empty(run.Output);
        Assert.Equal("UserMgmt.GroupNotFound,UserMgmt.Commands.GetGroupCommand", Assert.Single(run.Errors).FullyQualifiedErrorId);
    }
}
