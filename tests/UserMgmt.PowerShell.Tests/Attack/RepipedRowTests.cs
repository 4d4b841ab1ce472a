using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>"$failed.TargetObject | <command>" re-runs the failed rows, as the README promises, for rows typed on the command line too.</summary>
public sealed class RepipedRowTests : ModuleTest
{
    [Fact]
    public void A_failed_Set_UserAttribute_Attribute_row_piped_back_does_what_it_said()
    {
        var run = Shell.Run("""
            Set-UserAttribute -User nobody@example.com -Attribute @{ costCenter = 'CC-7' } -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.TargetObject | Set-UserAttribute -WhatIf
            """);

        var again = run.InRowOrder().Last();
        Assert.Contains("No user has the email address", again.Text("Message"));
    }

    [Fact]
    public void A_failed_invitation_typed_with_SendEmail_piped_back_still_sends_the_email()
    {
        var run = Shell.Run("""
            Invite-User -Email 'not-an-address' -SendEmail -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.TargetObject | ForEach-Object { $_.Email = 'fixed@company.com'; $_ } | Invite-User
            """).ThrowIfFailed();

        Assert.Equal("Succeeded", run.InRowOrder().Last().Text("Status"));
        Assert.Equal([true], Sandbox.Query("SELECT send_email FROM invitations WHERE email = 'fixed@company.com'", r => r.GetBoolean(0)));
    }
}
