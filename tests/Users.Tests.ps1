BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox -Connect
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Get-User' {
    It 'gets users by email or id, from arguments or the pipeline' {
        (Get-User -User ada.lovelace@example.com).Id | Should -Be 'user-001'
        (Get-User user-002).Email | Should -Be 'ben.okafor@example.com'
        ('ada.lovelace@example.com', 'user-002' | Get-User).Count | Should -Be 2
    }

    It 'reports a user it cannot find as a non-terminating error' {
        Get-User -User nobody@example.com -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'searches, stops at -First with a warning, and pages through everything with -All' {
        (Get-User -Search lovelace).Email | Should -Be 'ada.lovelace@example.com'
        $some = Get-User -First 5 -WarningVariable warned -WarningAction SilentlyContinue
        $some.Count | Should -Be 5
        $warned[0] | Should -Match 'Showing 5 of 40'
        (Get-User -All).Count | Should -Be 40
    }
}

Describe 'Disable-User and Enable-User' {
    It 'Disable-User asks for confirmation by default' {
        (Get-Command Disable-User).ImplementingType.GetCustomAttributes($true) |
            Where-Object { $_ -is [System.Management.Automation.CmdletAttribute] } |
            ForEach-Object ConfirmImpact | Should -Be 'High'
    }

    It 'previews with -WhatIf and disables nobody' {
        Clear-RequestLog $sandbox
        (Disable-User -User ada.lovelace@example.com -WhatIf).Status | Should -Be 'WhatIf'
        Get-WriteCallCount $sandbox | Should -Be 0
        (Get-User -User ada.lovelace@example.com).Status | Should -Be 'Active'
    }

    It 'disables and enables accounts, skipping those already so' {
        $results = 'ada.lovelace@example.com', 'ivan.petrov@example.com' | ForEach-Object { [pscustomobject]@{ Mail = $_ } } |
            Disable-User -Confirm:$false
        ($results | Sort-Object Row).Status | Should -Be @('Succeeded', 'Skipped')
        (Get-User -User ada.lovelace@example.com).Status | Should -Be 'Inactive'

        (Get-User -User ada.lovelace@example.com | Enable-User).Status | Should -Be 'Succeeded'
        (Get-User -User ada.lovelace@example.com).Status | Should -Be 'Active'
    }
}
