using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Get-Help answers from the shipped MAML for every cmdlet: a synopsis, every parameter, examples.</summary>
public sealed class HelpTests : ModuleTest
{
    protected override string? Provider => null;

    public static TheoryData<string> Cmdlets()
    {
        using var session = PowerShellSession.Start();
        var data = new TheoryData<string>();
        foreach (var name in session.Run("(Get-Command -Module UserMgmt -CommandType Cmdlet).Name").ThrowIfFailed().Output) data.Add(name.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Help_has_a_synopsis_every_parameter_and_examples(string cmdlet)
    {
        var help = Shell.Run("""
            $help = Get-Help $cmdlet -Full
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            $shown = (Get-Command $cmdlet).Parameters.Values | Where-Object {
                $common -notcontains $_.Name -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
            }
            $documented = @($help.parameters.parameter | ForEach-Object { $_.name })
            [pscustomobject]@{
                Synopsis = [string]$help.Synopsis
                Undocumented = @($shown | Where-Object { $documented -notcontains $_.Name } | ForEach-Object { $_.Name })
                Examples = @($help.examples.example).Count
                FromMaml = $null -ne $help.description
            }
            """, ("cmdlet", cmdlet)).ThrowIfFailed().Output.Single();

        var synopsis = help.Text("Synopsis");
        // Without MAML, PowerShell makes the synopsis from the syntax, which starts with the command's name.
        Assert.True(help.Properties["FromMaml"].Value is true, $"{cmdlet}: no help was loaded from en-US/UserMgmt.dll-Help.xml.");
        Assert.False(string.IsNullOrWhiteSpace(synopsis) || synopsis.StartsWith(cmdlet), $"{cmdlet}: synopsis '{synopsis}'.");
        Assert.Empty((object[])help.Properties["Undocumented"].Value);
        Assert.True((int)help.Properties["Examples"].Value > 0, $"{cmdlet} has no examples.");
    }
}
