using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Confirmation prompts answered at a host, and ConfirmImpact as the help documents it.</summary>
public sealed class ConfirmTests : ModuleTest
{
    private static readonly string Three = "Email\nada.lovelace@example.com\nben.okafor@example.com\nchloe.martin@example.com";

    private Invocation DisableThree(params string[] answers)
    {
        foreach (var answer in answers) Shell.Host.Answers.Enqueue(answer);
        return Shell.Run("$input | Disable-User", CsvRows.From(Three));
    }

    [Fact]
    public void Disable_User_asks_by_default_and_yes_and_no_apply_per_row()
    {
        var results = DisableThree("Y", "N", "Y").ThrowIfFailed();

        Assert.Equal(3, Shell.Host.Prompts.Count);
        Assert.Contains("ada.lovelace@example.com", Shell.Host.Prompts[0]);
        Assert.Equal(["Succeeded", "Skipped", "Succeeded"], results.Statuses());
        Assert.Equal([false, true, false], new[] { "ada.lovelace", "ben.okafor", "chloe.martin" }.Select(n => Sandbox.IsEnabled(n + "@example.com")));
    }

    [Fact]
    public void Yes_to_all_asks_once()
    {
        var results = DisableThree("A").ThrowIfFailed();

        Assert.Single(Shell.Host.Prompts);
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded"], results.Statuses());
        Assert.False(Sandbox.IsEnabled("chloe.martin@example.com"));
    }

    [Fact]
    public async Task No_to_all_asks_once_and_sends_nothing()
    {
        await Sandbox.ClearRequestLogAsync();

        var results = DisableThree("L").ThrowIfFailed();

        Assert.Single(Shell.Host.Prompts);
        Assert.Equal(["Skipped", "Skipped", "Skipped"], results.Statuses());
        Assert.All(results.Output, r => Assert.Equal("Declined at the confirmation prompt.", r.Text("Message")));
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
    }

    [Fact]
    public void Medium_impact_commands_do_not_ask_at_the_default_preference()
    {
        var results = Shell.Run("Add-UserGroup ada.lovelace@example.com Contractors; Enable-User hana.kim@example.com; New-Group Fresh").ThrowIfFailed();

        Assert.Empty(Shell.Host.Prompts);
        Assert.Equal(3, results.Output.Count);
    }

    [Fact]
    public void Confirm_switch_makes_a_medium_impact_command_ask()
    {
        Shell.Host.Answers.Enqueue("N");

        var results = Shell.Run("Add-UserGroup ada.lovelace@example.com Contractors -Confirm").ThrowIfFailed();

        Assert.Single(Shell.Host.Prompts);
        Assert.Equal(["Skipped"], results.Statuses());
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf("ada.lovelace@example.com"));
    }

    [Fact]
    public void ConfirmPreference_set_by_a_calling_script_is_obeyed()
    {
        Shell.Host.Answers.Enqueue("N");

        var asked = Shell.Run("""
            & { $ConfirmPreference = 'Medium'; Add-UserGroup ada.lovelace@example.com Contractors }
            """).ThrowIfFailed();
        var silent = Shell.Run("""
            & { $ConfirmPreference = 'None'; Disable-User ben.okafor@example.com }
            """).ThrowIfFailed();

        Assert.Single(Shell.Host.Prompts);
        Assert.Equal(["Skipped"], asked.Statuses());
        Assert.Equal(["Succeeded"], silent.Statuses());
        Assert.False(Sandbox.IsEnabled("ben.okafor@example.com"));
    }

    [Fact]
    public void ConfirmImpact_is_as_documented()
    {
        var impacts = Shell.Run("""
            Get-Command -Module UserMgmt -CommandType Cmdlet | ForEach-Object {
                $attribute = $_.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
                if ($attribute.SupportsShouldProcess) { "$($_.Name)=$($attribute.ConfirmImpact)" }
            }
            """).ThrowIfFailed().Output.Select(o => o.ToString()).ToHashSet();

        Assert.Contains("Disable-User=High", impacts);
        foreach (var medium in new[] { "Enable-User", "Add-UserGroup", "New-Group", "New-UserInvitation", "Set-UserAttribute" })
            Assert.Contains(medium + "=Medium", impacts);
    }
}
