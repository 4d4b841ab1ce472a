BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox -Connect
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Retries, progress and deadlines' {
    AfterEach {
        Set-SandboxFault $sandbox
    }

    It 'retries as often as -MaxRetry says, and only when it is given' {
        Set-SandboxFault $sandbox @{ serverErrorRate = 1; retryAfterSeconds = 0; methods = 'PUT' }

        $once = Add-UserGroup -User user-003 -Group Contractors -MaxRetry 0 -ErrorAction SilentlyContinue
        $thrice = Add-UserGroup -User user-003 -Group Contractors -MaxRetry 2 -RetryDelay 0.01 -ErrorAction SilentlyContinue

        $once.Status | Should -Be 'Failed'
        $once.Attempts | Should -Be 1
        $once.HttpStatus | Should -BeIn 500, 503
        $thrice.Attempts | Should -Be 3
    }

    It 'succeeds through occasional failures without the user noticing' {
        Set-SandboxFault $sandbox @{ serverErrorRate = 0.3; retryAfterSeconds = 0; seed = 5 }
        $results = Get-User -All | Select-Object -First 20 | Set-UserAttribute -Department 'Resilience' -MaxRetry 10 -RetryDelay 0.01
        $results.Count | Should -Be 20
        $results.Status | Sort-Object -Unique | Should -Be 'Succeeded'
    }

    It 'lets failed rows be sent again from -ErrorVariable' {
        Set-SandboxFault $sandbox @{ serverErrorRate = 1; retryAfterSeconds = 0; methods = 'PUT' }
        $rows = 'user-004', 'user-005' | ForEach-Object { [pscustomobject]@{ UserId = $_; Groups = 'Read-Only-Access' } }
        $null = $rows | Add-UserGroup -MaxRetry 0 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 2

        Set-SandboxFault $sandbox
        $again = $failed.TargetObject | Add-UserGroup
        $again.Status | Should -Be @('Succeeded', 'Succeeded')
        (Get-User -User user-005).Groups | Should -Contain 'Read-Only-Access'
    }

    It 'reports rows not done by the deadline as not done' {
        Set-SandboxFault $sandbox @{ latencyMs = 400; methods = 'PUT' }
        $results = Get-User -All | Select-Object -First 10 | Add-UserGroup -Group Contractors -ThrottleLimit 1 -DeadlineSec 1 -ErrorAction SilentlyContinue
        $results.Count | Should -Be 10
        ($results | Where-Object Message -Like 'Not done: the deadline passed*').Count | Should -BeGreaterThan 0
    }

    It 'shows progress under one activity id and completes it' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Manifest)
                Import-Module $Manifest
                $ProgressPreference = 'Continue'
                Get-User -All | Select-Object -First 30 | Set-UserAttribute -Title 'Progress'
            }).AddArgument((Join-Path $PSScriptRoot '../UserMgmt.psd1'))
        $results = $ps.Invoke()
        $progress = @($ps.Streams.Progress)
        $ps.Dispose()

        $results.Count | Should -Be 30
        $progress.Count | Should -BeGreaterThan 1
        $progress.ActivityId | Sort-Object -Unique | Should -Be 0x554D
        $progress[-1].RecordType | Should -Be 'Completed'
        $progress[-2].StatusDescription | Should -Match '^30 of 30 rows'
    }

    It 'leaves the caller''s preference variables alone' {
        $before = $ProgressPreference, $VerbosePreference, $ErrorActionPreference, $WhatIfPreference
        $null = Get-User -All | Select-Object -First 3 | Set-UserAttribute -Title 'Unchanged'
        $ProgressPreference, $VerbosePreference, $ErrorActionPreference, $WhatIfPreference | Should -Be $before
    }
}
