using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Tab completion as the console asks for it, through CommandCompletion.CompleteInput.</summary>
public sealed class CompletionTests : CcaiModuleTest
{
    private IReadOnlyList<string> Complete(string line) => Shell.Run(
        "[System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches | ForEach-Object CompletionText",
        ("line", line)).ThrowIfFailed().Output.Select(o => o.ToString()).ToList();

    [Fact]
    public void Group_names_complete_from_the_platform_for_every_group_parameter()
    {
        Connect("Acceldata").ThrowIfFailed();

        Assert.Equal(["Read-Only-Access"], Complete("Add-UserGroup -Group Rea"));
        Assert.Equal(["'Data Platform'"], Complete("Invite-User -Group Data"));
        Assert.Equal(["Contractors"], Complete("Get-Group Con"));
        Assert.Equal(["Engineering"], Complete("Start-BulkJob -Team Eng"));
    }

    [Fact]
    public void A_group_made_by_the_user_completes_on_a_new_connection()
    {
        Connect("Acceldata").ThrowIfFailed();
        Assert.Empty(Complete("Remove-UserGroup -Group Fresh"));

        Shell.Run("$null = New-Group 'Fresh Start'").ThrowIfFailed();
        Connect("Acceldata").ThrowIfFailed();

        // A new connection is a new cache: what the user just made is offered.
        Assert.Equal(["'Fresh Start'"], Complete("Remove-UserGroup -Group Fresh"));
    }

    [Fact]
    public void Roles_and_job_ids_complete_on_a_platform_with_bulk_jobs()
    {
        ConnectCcai().ThrowIfFailed();
        var job = Shell.Run("$input | Start-BulkJob", CsvRows.From("Email,FirstName,LastName\nnew@company.com,Nia,New")).ThrowIfFailed();

        Assert.Equal(["Admin", "Agent"], Complete("Start-BulkJob -Role A"));
        Assert.Contains(job.Output.Single().Text("Id"), Complete("Get-BulkJob -Id "));
    }

    [Fact]
    public void Without_a_connection_nothing_is_offered_and_nothing_fails()
    {
        // The current connection is the process's, so one left by an earlier test is closed first.
        Shell.Run("Disconnect-UserMgmt").ThrowIfFailed();

        Assert.Empty(Complete("Add-UserGroup -Group Con"));
        Assert.Equal(["Acceldata", "AppXite", "Ccai"], Complete("Connect-UserMgmt -Provider ").Take(3));
        Assert.Equal(["Ccai"], Complete("Connect-UserMgmt -Provider cc"));
    }

    [Fact]
    public void A_provider_registered_from_outside_the_module_is_offered_like_a_shipped_one()
    {
        Assert.Contains(ThirdPartyProvider.Name, Complete("Connect-UserMgmt -Provider "));
        Assert.Equal([ThirdPartyProvider.Name], Complete("Connect-UserMgmt -Provider rel"));
    }
}
