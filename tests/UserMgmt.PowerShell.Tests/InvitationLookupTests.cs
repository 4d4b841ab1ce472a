using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Invite-User sends new addresses without a lookup when nobody previews or confirms, looks up under -WhatIf and
/// -Confirm, and looks up again once the input shows known addresses; every way, each row ends the same.
/// </summary>
public sealed class InvitationLookupTests : ModuleTest
{
    private const string Csv = "Email\nnew.person@company.com\nkara.singh@example.com\nada.lovelace@example.com";

    [Fact]
    public async Task A_preview_looks_up_and_says_row_for_row_what_the_run_without_lookups_does()
    {
        await Sandbox.ClearRequestLogAsync();
        var preview = Shell.Run("$input | Invite-User -Group Analytics -WhatIf", CsvRows.From(Csv)).ThrowIfFailed();
        var previewReads = await Sandbox.ReadCallsAsync();
        await Sandbox.ClearRequestLogAsync();

        var real = Shell.Run("$input | Invite-User -Group Analytics", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.True(previewReads > 1, $"{previewReads} read(s): the preview looked nobody up");
        Assert.Equal(["WhatIf", "WhatIf", "Skipped"], preview.Statuses());
        Assert.Equal(["Succeeded", "Succeeded", "Skipped"], real.Statuses());
        Assert.Contains("kara.singh@example.com", Sandbox.MembersOf("Analytics"));
        // The one invitation was refused for the known addresses, then sent again for the new one alone.
        Assert.Equal(2, await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"));
    }

    [Fact]
    public async Task Once_known_addresses_turn_up_later_windows_look_up_first()
    {
        Sandbox.AddUsers(700);
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("""& { foreach ($i in 1..700) { [pscustomobject]@{ Email = 'extra{0:D4}@example.com' -f $i } } } | Invite-User""").ThrowIfFailed();

        Assert.All(run.Statuses(), s => Assert.Equal("Skipped", s));
        // Windows of 100, 200 and 400 rows. The first window's one invitation met known addresses; the second may have
        // been planned before that was known (two more); the third looked its addresses up and sent nothing.
        Assert.InRange(await Sandbox.CallsAsync("POST", "/admin/api/users/invite-users"), 1, 3);
    }

    [Theory]
    [InlineData("-Confirm:$true")]
    [InlineData("-WhatIf:$false -Confirm:$false", false)]
    public async Task Confirming_looks_up_and_a_run_nobody_confirms_does_not(string switches, bool looksUp = true)
    {
        await Sandbox.ClearRequestLogAsync();
        Shell.Host.Answers.Enqueue("A"); // Yes to All, if asked

        Shell.Run($"Invite-User new.person@company.com {switches}").ThrowIfFailed();

        Assert.Equal(looksUp, await Sandbox.ReadCallsAsync() > 0);
    }
}
