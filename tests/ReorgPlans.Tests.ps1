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

    It 'reports a missing file as an error and still checks the others' {
        $missing = Join-Path $TestDrive 'missing.yaml'

        $problems = Test-ReorgPlan -Path $missing, (Join-Path $examples 'offboarding.yaml') -ErrorVariable failed -ErrorAction SilentlyContinue

        $problems | Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | Should -BeLike 'UserMgmt.PlanNotFound*'
    }
}

Describe 'New-ReorgPlan and Invoke-ReorgPlan' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
        $sandbox = Start-TestSandbox -Connect
        $plan = Join-Path $TestDrive 'split-analytics.yaml'
        Copy-Item (Join-Path $examples 'split-analytics.yaml') $plan
    }

    AfterAll {
        Stop-TestSandbox $sandbox
    }

    It 'shows every change with -WhatIf and sends nothing' {
        Clear-RequestLog $sandbox
        $preview = Invoke-ReorgPlan $plan -WhatIf
        $preview.Status | Sort-Object -Unique | Should -Be 'WhatIf'
        $preview.Message | Should -Contain '+ add      ada.lovelace@example.com → Customer Analytics'
        $preview.Message | Should -Contain '- delete   Analytics'
        Get-WriteCallCount $sandbox | Should -Be 0
    }

    It 'applies the plan, journals it, and finds nothing to do the second time' {
        $applied = Invoke-ReorgPlan $plan -Force
        $applied | Where-Object Status -NE 'Succeeded' | Should -BeNullOrEmpty
        (Get-Group -Name 'Customer Analytics').MemberCount | Should -Be 5
        Get-Group -Name Analytics -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-Content "$plan.journal.jsonl").Count | Should -Be $applied.Count

        Clear-RequestLog $sandbox
        Invoke-ReorgPlan $plan -Force | Should -BeNullOrEmpty
        Get-WriteCallCount $sandbox | Should -Be 0
        (New-ReorgPlan $plan).Summary | Should -BeLike 'No changes*'
    }

    It 'refuses a saved plan once the platform has moved, naming what moved' {
        $moves = Join-Path $TestDrive 'moves.yaml'
        "version: 1`ngroups:`n  - name: Contractors`n    include: [kara.singh@example.com]`n" | Set-Content $moves
        $saved = Join-Path $TestDrive 'moves.json'
        $null = New-ReorgPlan $moves -OutFile $saved

        $null = Add-UserGroup -User kara.singh@example.com -Group Read-Only-Access

        { Invoke-ReorgPlan -PlanFile $saved -Force } | Should -Throw -ExpectedMessage '*user kara.singh@example.com*'
    }

    It 'journals a saved plan beside the saved file, whatever the plan says it came from' {
        $team = Join-Path $TestDrive 'team.yaml'
        "version: 1`ngroups:`n  - name: Journal Team`n" | Set-Content $team
        $saved = Join-Path $TestDrive 'team.json'
        $null = New-ReorgPlan $team -OutFile $saved
        $elsewhere = Join-Path $TestDrive 'elsewhere.yaml'
        (Get-Content $saved -Raw) -replace '"sourceFile": "[^"]*"', ('"sourceFile": ' + ($elsewhere | ConvertTo-Json)) | Set-Content $saved

        $null = Invoke-ReorgPlan -PlanFile $saved -Force

        "$saved.journal.jsonl" | Should -Exist
        "$elsewhere.journal.jsonl" | Should -Not -Exist
    }
}

Describe 'Roles in a plan, on CCAI Platform' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
        $sandbox = Start-TestSandbox
        Connect-TestCcai $sandbox
        $plan = Join-Path $TestDrive 'supervisors.yaml'
        "version: 1`nroles:`n  - name: supervisor`n    include: [ben.okafor@example.com]`n" | Set-Content $plan
    }
    AfterAll {
        Stop-TestSandbox $sandbox
    }

    It 'previews the grant, then gives the role, and then has nothing left to do' {
        $preview = Invoke-ReorgPlan $plan -WhatIf
        $preview.Status | Should -Be 'WhatIf'
        (Get-User ben.okafor@example.com).Roles | Should -Not -Contain 'Supervisor'

        $applied = Invoke-ReorgPlan $plan
        $applied.Operation | Should -Be 'GrantRole'
        $applied.Status | Should -Be 'Succeeded'
        (Get-User ben.okafor@example.com).Roles | Should -Contain 'Supervisor'
        (New-ReorgPlan $plan).Changes | Should -BeNullOrEmpty
    }

    It 'refuses a misspelt role, naming the line and the role meant' {
        $typo = Join-Path $TestDrive 'typo.yaml'
        "version: 1`nroles:`n  - name: Supervisr`n    include: [ben.okafor@example.com]`n" | Set-Content $typo

        { New-ReorgPlan $typo -ErrorAction Stop } | Should -Throw -ExpectedMessage "*Did you mean 'Supervisor'?*"
    }
}
