using UserMgmt.PowerShell.Tests.Coverage;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Get-User -Group, Get-Group | Get-User and Get-User -Status, on each platform that can answer.</summary>
public abstract class MemberReadTests : ModuleTest
{
    private SortedSet<string> Emails(Invocation run) => new(run.ThrowIfFailed().Values("Email").Select(e => e!.ToString()!), StringComparer.OrdinalIgnoreCase);

    [Fact]
    [Covers("Get-User", "Members")]
    public void Get_User_Group_lists_exactly_the_members_by_name_and_by_pipeline()
    {
        var byName = Emails(Shell.Run("Get-User -Group Analytics -All"));
        var piped = Emails(Shell.Run("Get-Group Analytics | Get-User -All"));

        Assert.NotEmpty(byName);
        Assert.Equal(Sandbox.MembersOf("Analytics"), byName);
        Assert.Equal(byName, piped);
    }

    [Fact]
    public void Get_User_Group_pages_with_First_and_Skip()
    {
        var all = Shell.Run("Get-User -Group Analytics -All").ThrowIfFailed().Values("Email").Select(e => e!.ToString()).ToList();
        Assert.True(all.Count >= 3, "the demo group needs three members for this test");

        var first = Shell.Run("Get-User -Group Analytics -First 2 -WarningAction SilentlyContinue").ThrowIfFailed().Values("Email").Select(e => e!.ToString());
        var rest = Shell.Run("Get-User -Group Analytics -Skip 2 -All").ThrowIfFailed().Values("Email").Select(e => e!.ToString());

        Assert.Equal(all, first.Concat(rest));
    }

    [Fact]
    public void An_unknown_group_is_a_named_error()
    {
        var run = Shell.Run("Get-User -Group 'No Such Group'");

        var error = Assert.Single(run.Errors);
        Assert.Equal("UserMgmt.GroupNotFound,UserMgmt.Commands.GetUserCommand", error.FullyQualifiedErrorId);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Get_User_Status_Disabled_lists_exactly_the_disabled_accounts()
    {
        var someone = Sandbox.Query("SELECT email FROM users WHERE enabled = 1 AND scim_managed = 0 ORDER BY email LIMIT 1", r => r.GetString(0)).Single();
        Shell.Run("Disable-User -User $u -Confirm:$false", ("u", someone)).ThrowIfFailed();
        var disabled = new SortedSet<string>(Sandbox.Query("SELECT email FROM users WHERE enabled = 0 AND scim_managed = 0", r => r.GetString(0)),
            StringComparer.OrdinalIgnoreCase);

        Assert.Equal(disabled, Emails(Shell.Run("Get-User -Status Disabled -All")));
        Assert.Equal(disabled, Emails(Shell.Run("Get-User -Status Inactive -All")));
        Assert.DoesNotContain(someone, Emails(Shell.Run("Get-User -Status Active -All")));
    }
}

public sealed class AcceldataMemberReadTests : MemberReadTests
{
    [Fact]
    public void Get_User_Status_Invited_lists_the_open_invitations()
    {
        Shell.Run("Invite-User -Email new.person@example.com").ThrowIfFailed();

        var invited = Shell.Run("Get-User -Status Invited -All").ThrowIfFailed();

        Assert.Contains("new.person@example.com", invited.Values("Email").Select(e => e!.ToString()));
        Assert.All(invited.Values("Status"), s => Assert.Equal("Invited", s!.ToString()));
    }
}

public sealed class CcaiMemberReadTests : MemberReadTests
{
    protected override string? Provider => "Ccai";

    [Fact]
    public void Get_User_Status_Invited_is_an_error_naming_the_platform()
    {
        var run = Shell.Run("Get-User -Status Invited");

        var record = Assert.Single(run.Errors);
        Assert.Empty(run.Output);
        Assert.Equal("UserMgmt.StatusNotKnownToPlatform,UserMgmt.Commands.GetUserCommand", record.FullyQualifiedErrorId);
        Assert.Contains("CCAI Platform", record.Exception.Message);
    }
}
