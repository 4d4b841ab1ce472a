using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// The same scenarios on every provider, from CSV-shaped rows: each is first previewed with -WhatIf,
/// which must send nothing and foretell the real run row by row, then run for real. On CCAI Platform
/// every change is a server-side job; the commands wait for its outcome themselves. SCIM runs against a
/// server written elsewhere (scimmy), with PATCH and without.
/// </summary>
public sealed class ProviderScenarioTests : ModuleTest
{
    protected override string? Provider => null;

    private ScenarioPlatform _platform = null!;

    private async Task ConnectAsync(string platform)
    {
        _platform = await ScenarioPlatform.StartAsync(platform, Sandbox);
        _platform.Connect(Shell).ThrowIfFailed();
    }

    public override async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        await base.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(ScenarioPlatform.All), MemberType = typeof(ScenarioPlatform))]
    public async Task Invitations_from_csv_rows_then_a_second_run_skips(string provider)
    {
        await ConnectAsync(provider);
        // A platform without groups invites by address alone; groups are refused in their own scenario below.
        var rows = CsvRows.From(_platform.HasGroups
            ? """
              Email,FirstName,LastName,Groups
              ann@company.com,Ann,Lee,Contractors;Read-Only-Access
              bo@company.com,Bo,Berg,Contractors
              not-an-address,No,Body,Contractors
              """
            : """
              Email,FirstName,LastName
              ann@company.com,Ann,Lee
              bo@company.com,Bo,Berg
              not-an-address,No,Body
              """);

        var run = await PreviewThenRunAsync("$input | Invite-User", rows);
        var again = Shell.Run("$input | Invite-User", rows);

        Assert.Equal(["Succeeded", "Succeeded", "Failed"], Statuses(run));
        Assert.Same(rows[2], Assert.Single(run.Errors).TargetObject);
        Assert.Equal(["Skipped", "Skipped", "Failed"], Statuses(again));
        if (!_platform.HasGroups) return;
        Assert.Equal(["Contractors", "Read-Only-Access"], await _platform.GroupsOfAsync("ann@company.com"));
        Assert.Equal(["Contractors"], await _platform.GroupsOfAsync("bo@company.com"));
    }

    [Theory]
    [MemberData(nameof(ScenarioPlatform.All), MemberType = typeof(ScenarioPlatform))]
    public async Task Group_membership_is_added_then_removed(string provider)
    {
        await ConnectAsync(provider);
        var rows = CsvRows.From("""
            Email,Group
            dev.patel@example.com,Read-Only-Access
            nobody@company.com,Read-Only-Access
            """);

        if (!_platform.HasGroups)
        {
            await RefusedBeforeSendingAsync("$input | Add-UserGroup", rows, "has no groups");
            await RefusedBeforeSendingAsync("$input | Remove-UserGroup -Confirm:$false", rows, "has no groups");
            return;
        }
        var added = await PreviewThenRunAsync("$input | Add-UserGroup", rows);
        Assert.Contains("Read-Only-Access", await _platform.GroupsOfAsync("dev.patel@example.com"));
        var removed = await PreviewThenRunAsync("$input | Remove-UserGroup -Confirm:$false", rows);

        Assert.Equal(["Succeeded", "Failed"], Statuses(added));
        Assert.Equal(["Succeeded", "Failed"], Statuses(removed));
        Assert.Same(rows[1], Assert.Single(removed.Errors).TargetObject);
        Assert.DoesNotContain("Read-Only-Access", await _platform.GroupsOfAsync("dev.patel@example.com"));
    }

    [Theory]
    [MemberData(nameof(ScenarioPlatform.All), MemberType = typeof(ScenarioPlatform))]
    public async Task An_attribute_is_set_from_a_column_and_read_back(string provider)
    {
        await ConnectAsync(provider);
        if (_platform.Attribute == default)
        {
            await RefusedBeforeSendingAsync("$input | Set-UserAttribute", CsvRows.From("Email,Department\ndev.patel@example.com,Data Science"), "cannot be set");
            return;
        }
        var (column, value) = _platform.Attribute;
        var rows = CsvRows.From($"Email,{column}\ndev.patel@example.com,{value}\ndev.patel@example.com,{value}");

        var run = await PreviewThenRunAsync("$input | Set-UserAttribute", rows);
        var read = Shell.Run($"(Get-User -User dev.patel@example.com).Attributes['{column}']").ThrowIfFailed();

        Assert.Equal(["Succeeded", "Skipped"], Statuses(run));
        Assert.Equal([value], read.Output.Select(o => o.ToString()));
    }

    [Theory]
    [MemberData(nameof(ScenarioPlatform.All), MemberType = typeof(ScenarioPlatform))]
    public async Task Accounts_are_disabled_then_enabled(string provider)
    {
        await ConnectAsync(provider);
        var rows = CsvRows.From("""
            Email
            chloe.martin@example.com
            """);

        if (!_platform.ChangesAccountState)
        {
            await RefusedBeforeSendingAsync("$input | Disable-User -Confirm:$false", rows, "cannot disable or enable accounts");
            await RefusedBeforeSendingAsync("$input | Enable-User", rows, "cannot disable or enable accounts");
            return;
        }
        var disabled = await PreviewThenRunAsync("$input | Disable-User -Confirm:$false", rows);
        Assert.False(await _platform.IsEnabledAsync("chloe.martin@example.com"));
        var enabled = await PreviewThenRunAsync("$input | Enable-User", rows);

        Assert.Equal(["Succeeded"], Statuses(disabled));
        Assert.Equal(["Succeeded"], Statuses(enabled));
        Assert.True(await _platform.IsEnabledAsync("chloe.martin@example.com"));
    }

    /// <summary>What the platform cannot do fails every row, previewed or run, with its reason, and sends nothing.</summary>
    private async Task RefusedBeforeSendingAsync(string command, IReadOnlyList<PSObject> rows, string reason)
    {
        var run = await PreviewThenRunAsync(command, rows);
        Assert.All(run.Output, o => Assert.Equal("Failed", o.Properties["Status"].Value?.ToString()));
        Assert.All(run.Output, o => Assert.Contains(reason, o.Properties["Message"].Value?.ToString()));
        Assert.Equal(0, await _platform.WriteCallsAsync());
    }

    /// <summary>
    /// Runs the command with -WhatIf, proves it sent nothing, then runs it for real and proves every row
    /// ended as the preview said: WhatIf where it succeeded, and the same skip or failure otherwise.
    /// </summary>
    private async Task<Invocation> PreviewThenRunAsync(string command, IReadOnlyList<PSObject> rows)
    {
        await _platform.ClearRequestLogAsync();
        var preview = Shell.Run(command + " -WhatIf", rows);
        Assert.Null(preview.Stopped);
        Assert.Equal(0, await _platform.WriteCallsAsync());

        var run = Shell.Run(command + "", rows);
        Assert.Null(run.Stopped);
        Assert.Equal(rows.Count, run.Output.Count);
        Assert.Equal(Foretold(preview), Outcomes(run));
        Assert.Equal(preview.Errors.Select(e => e.TargetObject), run.Errors.Select(e => e.TargetObject));
        return run;
    }

    private static IEnumerable<(object? Row, string? Status, string? Message)> Foretold(Invocation preview) =>
        Outcomes(preview).Select(o => o.Status == "WhatIf" ? (o.Row, "Succeeded", (string?)null) : o);

    private static List<(object? Row, string? Status, string? Message)> Outcomes(Invocation run) =>
        run.Output.OrderBy(o => (int)o.Properties["Row"].Value)
            .Select(o => ((object?)o.Properties["Row"].Value, o.Properties["Status"].Value?.ToString(),
                o.Properties["Status"].Value?.ToString() is "WhatIf" or "Succeeded" ? null : o.Properties["Message"].Value?.ToString()))
            .ToList();

    private static List<string?> Statuses(Invocation run) =>
        run.Output.OrderBy(o => (int)o.Properties["Row"].Value).Select(o => o.Properties["Status"].Value?.ToString()).ToList();
}
