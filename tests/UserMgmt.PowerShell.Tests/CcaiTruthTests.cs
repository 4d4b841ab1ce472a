using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// On CCAI Platform, -WhatIf says what the real run then does: a change the platform cannot make fails
/// in the preview as for real, naming the platform, and a bulk row the preview refuses is never uploaded.
/// </summary>
public sealed class CcaiTruthTests : ModuleTest
{
    protected override string? Provider => null;

    private void ConnectCcai() => ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();

    [Theory]
    [InlineData("New-Group -Name 'Night Shift'", "CCAI Platform cannot create groups")]
    [InlineData("Set-UserAttribute -User dev.patel@example.com -Department Sales", "CCAI Platform keeps only the attributes location and agentNumber; 'department' cannot be set")]
    [InlineData("Invite-User -Email nameless@company.com", "CCAI Platform needs a last name for every new user")]
    public async Task A_change_the_platform_cannot_make_fails_alike_in_the_preview_and_the_real_run(string command, string message)
    {
        ConnectCcai();
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run(command + " -WhatIf");
        var run = Shell.Run(command + "");

        foreach (var invocation in new[] { preview, run })
        {
            var result = Assert.Single(invocation.Output);
            Assert.Equal("Failed", result.Properties["Status"].Value?.ToString());
            Assert.Contains(message, result.Properties["Message"].Value?.ToString());
            Assert.Contains(message, Assert.Single(invocation.Errors).Exception.Message);
        }
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.False(Sandbox.GroupExists("Night Shift"));
    }

    [Fact]
    public async Task Start_BulkJob_leaves_out_the_rows_its_preview_refused_and_sends_the_rest()
    {
        ConnectCcai();
        var rows = CsvRows.From("""
            email,first_name,last_name,teams
            kim@company.com,Kim,Ito,Contractors
            not-an-email,No,Address,Contractors
            lu@company.com,Lu,Chen,Contractors
            """);

        await Sandbox.ClearRequestLogAsync();
        var preview = Shell.Run("$input | Start-BulkJob -WhatIf", rows);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var run = Shell.Run("$input | Start-BulkJob -Wait", rows);

        foreach (var invocation in new[] { preview, run })
        {
            var refused = Assert.Single(invocation.Errors);
            Assert.Same(rows[1], refused.TargetObject);
            Assert.Equal("row 2, email: 'not-an-email' is not a valid email address.", refused.Exception.Message);
        }
        var job = Assert.Single(run.Output);
        Assert.Equal(("completed", 2, 0), (job.Properties["Status"].Value?.ToString(), (int)job.Properties["TotalRows"].Value, (int)job.Properties["FailedRows"].Value));
        Assert.Empty(run.Warnings);
        Assert.Equal([1, 1, 0], new[] { "kim@company.com", "lu@company.com", "not-an-email" }.Select(Sandbox.CountUsers));
    }

    [Fact]
    public async Task A_preview_of_a_bulk_job_names_every_problem_of_a_row_in_one_error()
    {
        ConnectCcai();
        var rows = CsvRows.From("""
            Email,LastName,Teams
            bad-address,,No-Such-Team
            """);

        await Sandbox.ClearRequestLogAsync();
        var preview = Shell.Run("$input | Start-BulkJob -WhatIf", rows);
        var run = Shell.Run("$input | Start-BulkJob", rows);

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.Empty(run.Output);
        foreach (var invocation in new[] { preview, run })
        {
            var message = Assert.Single(invocation.Errors).Exception.Message;
            Assert.Contains("row 1, email:", message);
            Assert.Contains("row 1, last_name:", message);
            Assert.Contains("row 1, teams: Team 'No-Such-Team' does not exist.", message);
        }
    }
}
