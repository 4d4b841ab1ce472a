using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Verbose and debug lines follow -Verbose and -Debug, or the caller's preferences where those are not given.</summary>
public sealed class TracePreferenceTests : ModuleTest
{
    [Theory]
    [InlineData("Get-Group", false, false)]
    [InlineData("Get-Group -Verbose", true, false)]
    [InlineData("Get-Group -Debug", false, true)]
    [InlineData("$VerbosePreference = 'Continue'; Get-Group", true, false)]
    [InlineData("$DebugPreference = 'Continue'; Get-Group", false, true)]
    [InlineData("$VerbosePreference = 'Continue'; Get-Group -Verbose:$false", false, false)]
    [InlineData("function Quiet { [CmdletBinding()] param() Get-Group }; Quiet -Verbose", true, false)]
    public void Calls_are_traced_where_the_caller_shows_them(string script, bool verbose, bool debug)
    {
        var run = Shell.Run(script).ThrowIfFailed();

        Assert.Equal(verbose, run.Verbose.Any(v => v.Message.StartsWith("GET ")));
        Assert.Equal(debug, run.Debug.Any(d => d.Message.Contains("response body")));
    }
}
