using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// On CCAI Platform a command's rows travel together: a pipeline of rows is one bulk job, not one
/// job a row, and each row still ends with its own result.
/// </summary>
public sealed class CcaiJobBatchingTests : ModuleTest
{
    protected override string? Provider => null;

    private const string Uploads = "/apps/api/v1/bulk/users/upload";

    [Fact]
    public async Task Every_user_piped_from_Get_User_joins_a_team_in_one_job()
    {
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        var everyone = Shell.Run("Get-User -Status Active | Where-Object { $_.LastName -and -not $_.ExternallyManaged }").ThrowIfFailed().Output;
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Add-UserGroup -Group Contractors -WhatIf", everyone);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", everyone);

        Assert.True(everyone.Count > 30, $"only {everyone.Count} users to pipe");
        Assert.Equal(1, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal(preview.Statuses().Select(s => s == "WhatIf" ? "Succeeded" : s), run.Statuses());
        Assert.Equal(everyone.Select(u => u.Text("Email")), run.Targets());
        Assert.All(everyone, u => Assert.Contains("Contractors", Sandbox.GroupsOf(u.Text("Email"))));
    }

    [Fact]
    public async Task Csv_rows_for_two_teams_and_an_unknown_user_make_one_job_and_one_result_each()
    {
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        var rows = CsvRows.From("""
            Email,Group
            ada.lovelace@example.com,Contractors
            ben.okafor@example.com,Read-Only-Access
            nobody@company.com,Contractors
            ada.lovelace@example.com,Read-Only-Access
            chloe.martin@example.com,Contractors
            """);
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("$input | Add-UserGroup", rows);

        Assert.Equal(1, await Sandbox.CallsAsync("POST", Uploads));
        Assert.Equal(["Succeeded", "Succeeded", "Failed", "Succeeded", "Succeeded"], run.Statuses());
        Assert.Same(rows[2], Assert.Single(run.Errors).TargetObject);
        Assert.Superset(new SortedSet<string> { "Contractors", "Read-Only-Access" }, Sandbox.GroupsOf("ada.lovelace@example.com"));
        Assert.Contains("Read-Only-Access", Sandbox.GroupsOf("ben.okafor@example.com"));
    }
}
