BeforeAll {
    $manifestPath = Join-Path $PSScriptRoot '../UserMgmt.psd1'
    Import-Module $manifestPath -Force
}

Describe 'The UserMgmt module' {
    It 'has a valid manifest' {
        $manifest = Test-ModuleManifest -Path $manifestPath
        $manifest.Name | Should -Be 'UserMgmt'
        $manifest.PowerShellVersion | Should -Be '7.4'
    }

    It 'exports exactly the commands the manifest lists' {
        $manifest = Import-PowerShellDataFile $manifestPath
        (Get-Command -Module UserMgmt -CommandType Cmdlet).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        (Get-Command -Module UserMgmt -CommandType Alias).Name | Should -Be $manifest.AliasesToExport
    }

    It 'offers -WhatIf and -Confirm on every command that changes something' {
        $changing = Get-Command -Module UserMgmt -CommandType Cmdlet |
            Where-Object { $_.Verb -notin 'Get', 'Connect', 'Disconnect', 'Wait', 'Test' -and $_.Name -ne 'New-ReorgPlan' }
        $changing | Should -Not -BeNullOrEmpty
        foreach ($command in $changing) {
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
        }
    }
}

Describe 'Loading next to other modules' {
    It 'keeps its own RestSharp when the session already has another one' {
        $folder = Join-Path $TestDrive 'other-module'
        $null = New-Item -ItemType Directory -Path $folder
        $other = Join-Path $folder 'RestSharp.dll'
        Add-Type -OutputAssembly $other -TypeDefinition @'
[assembly: System.Reflection.AssemblyVersion("1.0.0.0")]
namespace RestSharp { public class RestClient { public static string Owner => "another module"; } }
'@
        $pwsh = (Get-Process -Id $PID).Path
        $script = @"
Add-Type -Path '$other'
Import-Module '$manifestPath'
[RestSharp.RestClient]::Owner
try { Connect-UserMgmt -Provider Acceldata -BaseUri http://127.0.0.1:9 -AccessKey k -SecretKey (ConvertTo-SecureString s -AsPlainText -Force) -MaxRetry 0 } catch { `$_.FullyQualifiedErrorId }
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'RestSharp' -and `$_.GetName().Version.Major -gt 1 }
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$engine).Name
"@
        $output = & $pwsh -NoProfile -NonInteractive -Command $script

        # The other module's RestSharp still answers; ours was used for the call, from the module's own context.
        $output[0] | Should -Be 'another module'
        $output[1] | Should -BeLike 'UserMgmt.ConnectFailed*'
        $output[2] | Should -Be 'UserMgmt'
    }
}

Describe 'The help sources' {
    It 'hold examples that parse as PowerShell' {
        $docs = Join-Path $PSScriptRoot '../docs'
        $failures = foreach ($file in Get-ChildItem $docs -Filter *.md) {
            $blocks = [regex]::Matches((Get-Content $file.FullName -Raw), '```powershell\r?\n(.*?)```', 'Singleline')
            foreach ($block in $blocks) {
                $code = ($block.Groups[1].Value -split '\r?\n' | ForEach-Object { $_ -replace '^(PS C:\\> |>> )', '' }) -join "`n"
                $errors = $null
                $null = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$null, [ref]$errors)
                if ($errors) { "$($file.Name): $($errors[0].Message)" }
            }
        }
        $failures | Should -BeNullOrEmpty
    }

    It 'document every parameter PowerShell shows for each command' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        foreach ($command in Get-Command -Module UserMgmt -CommandType Cmdlet) {
            $doc = Get-Content (Join-Path $PSScriptRoot "../docs/$($command.Name).md") -Raw
            $shown = $command.Parameters.Values | Where-Object { $_.Name -notin $common -and $_.Name -ne 'UseTransaction' -and -not ($_.Attributes.DontShow -contains $true) }
            foreach ($parameter in $shown) { $doc | Should -Match "(?m)^### -$($parameter.Name)$" -Because "$($command.Name) -$($parameter.Name)" }
        }
    }
}

Describe 'Get-Help' {
    It 'shows the synopsis, examples and parameter help of every command' {
        foreach ($command in Get-Command -Module UserMgmt -CommandType Cmdlet) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeLike "*$($command.Name)*[[]*" -Because "$($command.Name) should have a written synopsis"
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2 -Because $command.Name
        }
        (Get-Help Add-UserGroup -Parameter Group).description.Text | Should -Match 'Contractors;Read-Only-Access'
    }

    It 'finds the about topics' {
        foreach ($topic in 'about_UserMgmt', 'about_UserMgmt_Providers', 'about_UserMgmt_ReorgPlans', 'about_UserMgmt_Automation') {
            Get-Help $topic | Out-String | Should -Match $topic
        }
    }
}
