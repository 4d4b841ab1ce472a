BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox -Connect
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Get-Group' {
    It 'lists every group' {
        (Get-Group).Name | Should -Contain 'Analytics'
        (Get-Group).Count | Should -Be 6
    }

    It 'finds a group by name and reports one it cannot find' {
        (Get-Group -Name analytics).MemberCount | Should -Be 10
        Get-Group -Name 'No Such Group' -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'New-Group' {
    It 'creates groups and skips one that exists' {
        $results = New-Group -Name 'Finance', 'Analytics' -Description 'Money matters' | Sort-Object Row
        $results[0].Status | Should -Be 'Succeeded'
        $results[1].Status | Should -Be 'Skipped'
        (Get-Group -Name Finance).Description | Should -Be 'Money matters'
    }

    It 'creates nothing with -WhatIf' {
        Clear-RequestLog $sandbox
        (New-Group -Name 'Imaginary' -WhatIf).Status | Should -Be 'WhatIf'
        Get-WriteCallCount $sandbox | Should -Be 0
    }
}

Describe 'Splitting Analytics into Customer Analytics and Product Analytics' {
    BeforeAll {
        $analysts = Get-User -All | Where-Object Groups -Contains 'Analytics' | Sort-Object Email
        $customer = $analysts | Select-Object -First 5
        $product = $analysts | Select-Object -Skip 5
    }

    It 'previews the whole split with -WhatIf and changes nothing' {
        Clear-RequestLog $sandbox
        $null = $analysts | Remove-UserGroup -Group Analytics -WhatIf
        Get-WriteCallCount $sandbox | Should -Be 0
        (Get-Group -Name Analytics).MemberCount | Should -Be 10
    }

    It 'moves each analyst into exactly one new team' {
        $null = New-Group -Name 'Customer Analytics', 'Product Analytics'
        ($customer | Add-UserGroup -Group 'Customer Analytics').Status | Sort-Object -Unique | Should -Be 'Succeeded'
        ($product | Add-UserGroup -Group 'Product Analytics').Status | Sort-Object -Unique | Should -Be 'Succeeded'
        ($analysts | Remove-UserGroup -Group Analytics).Status | Sort-Object -Unique | Should -Be 'Succeeded'

        (Get-Group -Name 'Customer Analytics').MemberCount | Should -Be 5
        (Get-Group -Name 'Product Analytics').MemberCount | Should -Be 5
        (Get-Group -Name Analytics).MemberCount | Should -Be 0
    }

    It 'skips rows already in the desired state when run again' {
        Clear-RequestLog $sandbox
        ($analysts | Remove-UserGroup -Group Analytics).Status | Sort-Object -Unique | Should -Be 'Skipped'
        Get-WriteCallCount $sandbox | Should -Be 0
    }
}

Describe 'Add-UserGroup and Remove-UserGroup from a spreadsheet' {
    It 'reads the user and a ;-separated list of groups from each row' {
        $csv = Join-Path $TestDrive 'moves.csv'
        @(
            [pscustomobject]@{ UserPrincipalName = 'ben.okafor@example.com'; Groups = 'Contractors; Read-Only-Access' }
            [pscustomobject]@{ UserPrincipalName = 'nobody@example.com'; Groups = 'Contractors' }
        ) | Export-Csv -Path $csv -NoTypeInformation

        $results = Import-Csv $csv | Add-UserGroup -ErrorAction SilentlyContinue | Sort-Object Row

        $results[0].Status | Should -Be 'Succeeded'
        $results[1].Status | Should -Be 'Failed'
        $results[1].Message | Should -Match 'nobody@example.com'
        (Get-User -User ben.okafor@example.com).Groups | Should -Contain 'Read-Only-Access'

        (Import-Csv $csv | Select-Object -First 1 | Remove-UserGroup).Status | Should -Be 'Succeeded'
        (Get-User -User ben.okafor@example.com).Groups | Should -Not -Contain 'Contractors'
    }
}

Describe 'Tab completion' {
    It 'completes group names from the platform, quoting names with spaces' {
        $null = New-Group -Name 'Night Shift'
        $line = 'Add-UserGroup -User ada.lovelace@example.com -Group Ni'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'Night Shift'"
        $line = 'Get-Group -Name Contr'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Contractors'
    }
}
