BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../UserMgmt.psd1') -Force
    $examples = Join-Path $PSScriptRoot '../docs/examples'
}

Describe 'Test-ReorgPlan' {
    It 'finds no problem in the example plans' {
        Get-ChildItem $examples -Filter *.yaml | Test-ReorgPlan | Should -BeNullOrEmpty
    }

    It 'names the file, line and column of each problem, with a suggestion for a misspelt key' {
        $plan = Join-Path $TestDrive 'typo.yaml'
        "version: 1`ngroups:`n  - name: Team`n    membrs: exact`n" | Set-Content -Path $plan

        $problems = Test-ReorgPlan -Path $plan

        $problems.Count | Should -Be 1
        $problems[0].At.Line | Should -Be 4
        $problems[0].At.Column | Should -Be 5
        $problems[0].Message | Should -BeLike "*Did you mean 'members'?*"
        "$($problems[0])" | Should -BeLike "*typo.yaml:4:5: Unknown key 'membrs'*"
    }
}
