using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// -WhatIf sends nothing, and says row for row what the real run then does: a WhatIf row succeeds,
/// a skipped row is skipped, a failing row fails, with the same targets.
/// </summary>
public sealed class WhatIfTests : ModuleTest
{
    // Each command gets a row it changes, a row already as wanted, and a row that cannot be done.
    public static TheoryData<string, string> Commands => new()
    {
        { "$input | Invite-User -Group Analytics", "Email\nnew.person@company.com\nada.lovelace@example.com\nnot-an-address" },
        { "$input | Add-UserGroup -Group Analytics", "Email\nkara.singh@example.com\nada.lovelace@example.com\nnobody@example.com" },
        { "$input | Remove-UserGroup -Group Analytics", "Email\nada.lovelace@example.com\nkara.singh@example.com\nnobody@example.com" },
        { "$input | Set-UserAttribute -Department Analytics", "Email\nkara.singh@example.com\nada.lovelace@example.com\nnobody@example.com" },
        { "$input | Disable-User", "Email\nada.lovelace@example.com\nhana.kim@example.com\nnobody@example.com" },
        { "$input | Enable-User", "Email\nhana.kim@example.com\nada.lovelace@example.com\nnobody@example.com" },
        { "$input | New-Group", "Name,Description\nCustomer Analytics,new\nContractors,there\n,no name" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task WhatIf_sends_nothing_and_tells_what_the_real_run_does(string command, string csv)
    {
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run(command + " -WhatIf", CsvRows.From(csv));
        var sent = await Sandbox.WriteCallsAsync();
        var real = Shell.Run(command + " -Confirm:$false -ErrorAction SilentlyContinue", CsvRows.From(csv));

        Assert.Equal(0, sent);
        Assert.Null(preview.Stopped);
        Assert.Equal(["WhatIf", "Skipped", "Failed"], preview.Statuses());
        Assert.Equal(["Succeeded", "Skipped", "Failed"], real.Statuses());
        Assert.Equal(preview.Targets(), real.Targets());
    }

    [Fact]
    public async Task WhatIfPreference_set_by_a_calling_script_previews()
    {
        await Sandbox.ClearRequestLogAsync();

        var results = Shell.Run("""
            function Remove-Leavers { $input | Disable-User }
            $WhatIfPreference = $true
            $input | Remove-Leavers
            """, CsvRows.From("Email\nada.lovelace@example.com\nben.okafor@example.com")).ThrowIfFailed();

        Assert.Equal(["WhatIf", "WhatIf"], results.Statuses());
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.True(Sandbox.IsEnabled("ada.lovelace@example.com"));
        Assert.Empty(Shell.Host.Prompts);
    }
}
