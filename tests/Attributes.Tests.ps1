BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox -Connect
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Set-UserAttribute' {
    Context 'a department change for a whole team' {
        BeforeAll {
            $team = Get-User -All | Where-Object Groups -Contains 'Data Platform'
            $csv = Join-Path $TestDrive 'team.csv'
            $team | ForEach-Object { [pscustomobject]@{ Email = $_.Email; Department = 'Engineering - Data Platform' } } |
                Export-Csv -Path $csv -NoTypeInformation
        }

        It 'previews with -WhatIf and changes nothing' {
            Clear-RequestLog $sandbox
            $results = Import-Csv $csv | Set-UserAttribute -WhatIf
            $results.Status | Sort-Object -Unique | Should -Be 'WhatIf'
            Get-WriteCallCount $sandbox | Should -Be 0
        }

        It 'sets the department from the Department column' {
            $results = Import-Csv $csv | Set-UserAttribute
            $results.Count | Should -Be $team.Count
            $results.Status | Sort-Object -Unique | Should -Be 'Succeeded'
            foreach ($member in $team) {
                (Get-User -User $member.Email).Attributes['department'] | Should -Be 'Engineering - Data Platform'
            }
        }

        It 'skips every row the second time' {
            (Import-Csv $csv | Set-UserAttribute).Status | Sort-Object -Unique | Should -Be 'Skipped'
        }
    }

    It 'sets attributes from a hashtable, lists included' {
        $result = Set-UserAttribute -User user-002 -Attribute @{ costCenter = 'CC-7'; skills = 'SQL', 'Python' }
        $result.Status | Should -Be 'Succeeded'
        $user = Get-User -User user-002
        $user.Attributes['costCenter'] | Should -Be 'CC-7'
        $user.Attributes['skills'] | Should -Be @('SQL', 'Python')
    }

    It 'fails a row for a user that does not exist, naming the address' {
        $result = Set-UserAttribute -User nobody@example.com -Department X -ErrorVariable failed -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Failed'
        $failed[0].Exception.Message | Should -Match "nobody@example.com"
        $failed[0].TargetObject.User | Should -Be 'nobody@example.com'
    }
}
