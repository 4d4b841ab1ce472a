using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>A failed row is a non-terminating error a script can catch, filter and send again.</summary>
public sealed class ErrorRecordTests : ModuleTest
{
    [Fact]
    public void A_failed_row_is_an_error_with_a_stable_id_a_category_and_the_row_itself()
    {
        var rows = CsvRows.From("Email,Note\nada.lovelace@example.com,first\nnot-an-address,second");

        var run = Shell.Run("$input | Invite-User -Group Contractors", rows);

        var error = Assert.Single(run.Errors);
        Assert.Equal("UserMgmt.InviteFailed,UserMgmt.Commands.NewUserInvitationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Same(rows[1], error.TargetObject);
        Assert.Contains("Row 2", error.Exception.Message);
        Assert.Contains("not-an-address", error.Exception.Message);
        Assert.Equal(["Succeeded", "Failed"], run.Statuses());
    }

    [Fact]
    public void A_row_the_platform_refuses_carries_the_category_of_its_answer()
    {
        var run = Shell.Run("Add-UserGroup nobody@example.com Contractors");

        var error = Assert.Single(run.Errors);
        var result = Assert.Single(run.Output);
        Assert.Equal("UserMgmt.AddToGroupFailed,UserMgmt.Commands.AddUserGroupCommand", error.FullyQualifiedErrorId);
        Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
        Assert.Contains("nobody@example.com", error.Exception.Message);
        Assert.Equal("Failed", result.Text("Status"));
    }

    [Fact]
    public void ErrorAction_Stop_lands_in_catch_with_the_row()
    {
        var rows = CsvRows.From("Email\nnot-an-address");

        var caught = Shell.Run("""
            try { $input | Invite-User -ErrorAction Stop; 'not reached' }
            catch { $_.FullyQualifiedErrorId; $_.TargetObject.Email }
            """, rows).ThrowIfFailed();

        Assert.Equal(["UserMgmt.InviteFailed,UserMgmt.Commands.NewUserInvitationCommand", "not-an-address"],
            caught.Output.Where(o => o.BaseObject is string).Select(o => o.ToString()));
    }

    [Fact]
    public void ErrorVariable_rows_piped_again_rerun_just_the_failed_rows()
    {
        var rows = CsvRows.From("Email,Group\nada.lovelace@example.com,Contractors\nben.okafor@example.com,Later\nchloe.martin@example.com,Contractors");

        var rerun = Shell.Run("""
            $null = $input | Add-UserGroup -ErrorVariable failed -ErrorAction SilentlyContinue
            $null = New-Group Later
            $failed.TargetObject | Add-UserGroup
            """, rows).ThrowIfFailed();

        Assert.Equal(["ben.okafor@example.com"], rerun.Targets());
        Assert.Equal(["Succeeded"], rerun.Statuses());
        Assert.Equal(["ben.okafor@example.com"], Sandbox.MembersOf("Later"));
        Assert.Equal(["ada.lovelace@example.com", "chloe.martin@example.com"], Sandbox.MembersOf("Contractors"));
    }
}
