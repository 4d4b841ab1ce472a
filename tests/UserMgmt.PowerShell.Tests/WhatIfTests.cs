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
    public async Task A_reorganisation_plan_previews_every_change_the_real_run_then_makes()
    {
        var plan = Path.Combine(Directory.CreateTempSubdirectory("usermgmt-whatif-").FullName, "plan.yaml");
        File.WriteAllText(plan, """
            version: 1
            groups:
              - name: Customer Analytics
                members: additive
                include: [ada.lovelace@example.com, ben.okafor@example.com]
            attributes:
              kara.singh@example.com: { department: Customer Analytics }
            """);
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Invoke-ReorgPlan $plan -WhatIf", ("plan", plan)).ThrowIfFailed();
        var sent = await Sandbox.WriteCallsAsync();
        var real = Shell.Run("Invoke-ReorgPlan $plan", ("plan", plan)).ThrowIfFailed();

        Assert.Equal(0, sent);
        Assert.Equal(4, preview.Output.Count); // the group created, two members added, one attribute set
        Assert.All(preview.Output, r => Assert.Equal("WhatIf", r.Text("Status")));
        Assert.All(real.Output, r => Assert.Equal("Succeeded", r.Text("Status")));
        Assert.Equal(preview.Output.Select(r => r.Text("Target")).Order(), real.Output.Select(r => r.Text("Target")).Order());
        Assert.Equal(["ada.lovelace@example.com", "ben.okafor@example.com"], Sandbox.MembersOf("Customer Analytics"));
    }

    [Fact]
    public async Task Start_BulkJob_WhatIf_uploads_nothing_and_names_the_bad_row()
    {
        var credential = new System.Management.Automation.PSCredential(UserMgmt.Sandbox.SandboxOptions.DemoCcaiSubdomain,
            new System.Net.NetworkCredential("", UserMgmt.Sandbox.SandboxOptions.DemoSecretKey).SecurePassword);
        Shell.Run("$null = Connect-UserMgmt -Provider Ccai -BaseUri $uri -Credential $credential",
            ("uri", Sandbox.BaseUri.ToString()), ("credential", credential)).ThrowIfFailed();
        var rows = CsvRows.From("Email,FirstName,LastName\ngood@company.com,Gus,Good\nnot-an-email,Bea,Bad");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Start-BulkJob -WhatIf", rows);

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Empty(preview.Output);
        var problem = Assert.Single(preview.Errors);
        Assert.Same(rows[1], problem.TargetObject);
        Assert.Contains("row 2", problem.Exception.Message);
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
