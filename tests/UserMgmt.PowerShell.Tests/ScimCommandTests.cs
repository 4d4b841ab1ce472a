using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// What SCIM adds to the scenarios every provider runs (ProviderScenarioTests), in a real PowerShell session against a
/// SCIM server built from the scimmy packages, with PATCH and without (every change then a read and a PUT of the whole
/// resource): nobody else's membership moves, plans apply once, and our own output piped back changes nothing.
/// </summary>
public sealed class ScimCommandTests : IAsyncLifetime
{
    private ScimPeer _peer = null!;
    private PowerShellSession _shell = null!;

    public static TheoryData<bool> PatchOrNot() => [true, false];

    public Task InitializeAsync()
    {
        _shell = PowerShellSession.Start();
        return Task.CompletedTask;
    }

    private async Task ConnectAsync(bool patch)
    {
        _peer = await ScimPeer.StartAsync(new ScimPeerOptions { Patch = patch, ETag = !patch });
        _shell.Run("""
            $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
            $null = Connect-UserMgmt -Provider Scim -BaseUri $uri -SecretKey $token -MaxRetry 2 -RetryDelay 0.01
            """, ("uri", _peer.BaseUri.ToString()), ("secret", _peer.Token)).ThrowIfFailed();
    }

    [Theory, MemberData(nameof(PatchOrNot))]
    public async Task Group_membership_is_added_then_removed_and_nobody_else_moves(bool patch)
    {
        await ConnectAsync(patch);
        var before = await _peer.MembersOfAsync("Read-Only-Access");
        var rows = CsvRows.From("""
            Email,Group
            dev.patel@example.com,Read-Only-Access
            nobody@company.com,Read-Only-Access
            """);

        var added = await PreviewThenRunAsync("$input | Add-UserGroup", rows);
        Assert.Equal(before.Append("dev.patel@example.com").Order(), (await _peer.MembersOfAsync("Read-Only-Access")).Order());
        var removed = await PreviewThenRunAsync("$input | Remove-UserGroup -Confirm:$false", rows);

        Assert.Equal(["Succeeded", "Failed"], Statuses(added));
        Assert.Equal(["Succeeded", "Failed"], Statuses(removed));
        Assert.Equal(before.Order(), (await _peer.MembersOfAsync("Read-Only-Access")).Order());
    }

    [Theory, MemberData(nameof(PatchOrNot))]
    public async Task A_reorganisation_plan_previews_without_writing_and_a_second_apply_writes_nothing(bool patch)
    {
        await ConnectAsync(patch);
        var plan = Path.Combine(Path.GetTempPath(), $"scim-plan-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(plan, """
            version: 1
            groups:
              - name: Customer Analytics
                members: additive
                include:
                  - ada.lovelace@example.com
                  - kara.singh@example.com
            attributes:
              ada.lovelace@example.com: { department: Customer Analytics }
            """);
        try
        {
            await _peer.ClearRequestLogAsync();
            var preview = _shell.Run("Invoke-ReorgPlan $path -WhatIf", ("path", plan)).ThrowIfFailed();
            Assert.Equal(0, await WritesAsync());
            Assert.NotEmpty(preview.Output);

            _shell.Run("Invoke-ReorgPlan $path -Confirm:$false -JournalPath $journal", ("path", plan), ("journal", plan + ".journal")).ThrowIfFailed();
            Assert.Equal(["ada.lovelace@example.com", "kara.singh@example.com"], await _peer.MembersOfAsync("Customer Analytics"));
            Assert.Equal("Customer Analytics", await _peer.DepartmentAsync("ada.lovelace@example.com"));

            await _peer.ClearRequestLogAsync();
            _shell.Run("Invoke-ReorgPlan $path -Confirm:$false -JournalPath $journal", ("path", plan), ("journal", plan + ".journal")).ThrowIfFailed();
            Assert.Equal(0, await WritesAsync());
        }
        finally
        {
            File.Delete(plan);
            File.Delete(plan + ".journal");
        }
    }

    [Theory, MemberData(nameof(PatchOrNot))]
    public async Task Our_own_output_piped_back_with_no_arguments_changes_nothing(bool patch)
    {
        await ConnectAsync(patch);
        var groups = await _peer.GroupsOfAsync("ada.lovelace@example.com");
        await _peer.ClearRequestLogAsync();

        _shell.Run("Get-User -User ada.lovelace@example.com | Remove-UserGroup -Confirm:$false -ErrorAction SilentlyContinue");
        _shell.Run("Get-User -User ada.lovelace@example.com | Add-UserGroup -ErrorAction SilentlyContinue");
        _shell.Run("Get-Group | Get-User -ErrorAction SilentlyContinue | Set-UserAttribute -ErrorAction SilentlyContinue");

        Assert.Equal(0, await WritesAsync());
        Assert.Equal(groups, await _peer.GroupsOfAsync("ada.lovelace@example.com"));
    }

    /// <summary>Runs the command with -WhatIf, proves it sent nothing, then runs it for real; every row ends as foretold.</summary>
    private async Task<Invocation> PreviewThenRunAsync(string command, IReadOnlyList<PSObject> rows)
    {
        await _peer.ClearRequestLogAsync();
        var preview = _shell.Run(command + " -WhatIf", rows);
        Assert.Null(preview.Stopped);
        Assert.Equal(0, await WritesAsync());

        var run = _shell.Run(command, rows);
        Assert.Null(run.Stopped);
        Assert.Equal(rows.Count, run.Output.Count);
        Assert.Equal(Statuses(preview).Select(s => s == "WhatIf" ? "Succeeded" : s), Statuses(run));
        return run;
    }

    private async Task<int> WritesAsync() => (await _peer.RequestCountsAsync()).Where(c => c.Method != "GET").Sum(c => c.Count);

    private static List<string?> Statuses(Invocation run) =>
        run.Output.OrderBy(o => (int)o.Properties["Row"].Value).Select(o => o.Properties["Status"].Value?.ToString()).ToList();

    public async Task DisposeAsync()
    {
        _shell.Dispose();
        if (_peer is not null) await _peer.DisposeAsync();
    }
}
