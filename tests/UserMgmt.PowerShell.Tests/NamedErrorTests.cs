using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>The module's own failures arrive as named error records, not bare exceptions.</summary>
public sealed class NamedErrorTests : ModuleTest
{
    protected override string? Provider => null;

    [Theory]
    [InlineData("Get-User")]
    [InlineData("Get-Group")]
    [InlineData("Remove-UserGroup -User a@example.com -Group G")]
    [InlineData("Get-BulkJob")]
    public void Not_connected_is_a_connection_error_saying_to_run_Connect_UserMgmt(string command)
    {
        var run = Shell.Run(command);

        // A cmdlet's terminating error ends its statement; the script goes on and the record is in the error stream.
        var record = Assert.Single(run.Errors);
        Assert.StartsWith("UserMgmt.NotConnected,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
        Assert.Contains("Connect-UserMgmt", record.Exception.Message);
    }

    [Fact]
    public void ErrorAction_Stop_in_try_catch_sees_the_named_record()
    {
        var id = Shell.Run("try { Get-User -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }").Output.Single().ToString();

        Assert.StartsWith("UserMgmt.NotConnected,", id);
    }
}
