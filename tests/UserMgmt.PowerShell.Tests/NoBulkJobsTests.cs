using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>The *-BulkJob commands on a platform without jobs say so, and where jobs are to be had.</summary>
public sealed class NoBulkJobsTests : ModuleTest
{
    [Theory]
    [InlineData("Get-BulkJob")]
    [InlineData("Get-BulkUserTemplate")]
    public void A_platform_without_bulk_jobs_is_named_with_the_providers_that_have_them(string command)
    {
        var run = Shell.Run(command);

        var record = Assert.Single(run.Errors);
        Assert.StartsWith("UserMgmt.NoBulkJobs,", record.FullyQualifiedErrorId);
        Assert.Contains("Acceldata has no bulk jobs", record.Exception.Message);
        Assert.Contains("Connect-UserMgmt -Provider Ccai", record.Exception.Message);
        Assert.Empty(run.Output);
    }
}
