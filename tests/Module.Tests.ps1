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
