BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox -Connect
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'New-UserInvitation' {
    It 'is also called Invite-User' {
        (Get-Alias Invite-User).ResolvedCommandName | Should -Be 'New-UserInvitation'
    }

    Context 'onboarding 20 contractors from a spreadsheet' {
        BeforeAll {
            $csv = Join-Path $TestDrive 'contractors.csv'
            1..20 | ForEach-Object { [pscustomobject]@{ Email = "contractor$_@company.com"; Groups = 'Contractors;Read-Only-Access' } } |
                Export-Csv -Path $csv -NoTypeInformation
        }

        It 'previews every row with -WhatIf and sends nothing' {
            Clear-RequestLog $sandbox
            $results = Import-Csv $csv | Invite-User -WhatIf
            $results.Count | Should -Be 20
            $results.Status | Sort-Object -Unique | Should -Be 'WhatIf'
            Get-WriteCallCount $sandbox | Should -Be 0
        }

        It 'changes nothing when a calling script sets $WhatIfPreference' {
            Clear-RequestLog $sandbox
            $null = & { $WhatIfPreference = $true; Import-Csv $csv | Invite-User }
            Get-WriteCallCount $sandbox | Should -Be 0
        }

        It 'invites every row into both groups, one result per row' {
            $results = Import-Csv $csv | Invite-User -SendEmail
            $results.Count | Should -Be 20
            $results | Where-Object Status -NE 'Succeeded' | Should -BeNullOrEmpty
            (Get-User -User contractor7@company.com).Groups | Sort-Object | Should -Be @('Contractors', 'Read-Only-Access')
        }

        It 'skips every row when the same file is run again' {
            Clear-RequestLog $sandbox
            $results = Import-Csv $csv | Invite-User
            $results.Status | Sort-Object -Unique | Should -Be 'Skipped'
            Get-WriteCallCount $sandbox | Should -Be 0
        }
    }

    Context 'rows that fail' {
        It 'fails bad rows alone, as errors carrying the row, which can be piped again once fixed' {
            $csv = Join-Path $TestDrive 'mixed.csv'
            @(
                [pscustomobject]@{ Email = 'fine@company.com'; Groups = 'Contractors' }
                [pscustomobject]@{ Email = 'broken-address'; Groups = 'Contractors' }
                [pscustomobject]@{ Email = 'ghost@company.com'; Groups = 'Night Shift' }
            ) | Export-Csv -Path $csv -NoTypeInformation

            $results = Import-Csv $csv | Invite-User -ErrorVariable failed -ErrorAction SilentlyContinue

            $results.Count | Should -Be 3
            ($results | Where-Object Status -EQ 'Succeeded').Target | Should -Be 'fine@company.com'
            $failed.Count | Should -Be 2
            $failed[0].Exception.Message | Should -BeLike 'Row 2 (broken-address)*not a valid email address*'
            $failed[1].Exception.Message | Should -BeLike "Row 3 (ghost@company.com)*Group 'Night Shift' does not exist*"
            $failed[1].TargetObject.Groups | Should -Be 'Night Shift'

            $null = New-Group -Name 'Night Shift'
            $again = $failed.TargetObject | Where-Object Email -NE 'broken-address' | Invite-User
            $again.Status | Should -Be 'Succeeded'
            (Get-User -User ghost@company.com).Groups | Should -Be 'Night Shift'
        }

        It 'stops at the first failed row with -ErrorAction Stop' {
            $rows = [pscustomobject]@{ Email = 'nope' }, [pscustomobject]@{ Email = 'stopped.before@company.com' }
            { $rows | Invite-User -ErrorAction Stop } | Should -Throw -ExpectedMessage 'Row 1 (nope)*'
            Get-User -User stopped.before@company.com -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'names the missing column of a row that has no email' {
            $result = [pscustomobject]@{ Name = 'No Address' } | Invite-User -ErrorAction SilentlyContinue
            $result.Status | Should -Be 'Failed'
            $result.Message | Should -Match 'no Email value'
        }
    }
}
