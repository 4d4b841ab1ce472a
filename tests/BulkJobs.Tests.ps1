BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox
    $null = Connect-TestCcai $sandbox

    function New-AgentCsv([string] $Path, [int] $Count, [hashtable] $Broken = @{}) {
        1..$Count | ForEach-Object {
            $row = [ordered]@{ Email = "agent$_@company.com"; FirstName = 'Test'; LastName = "Agent$_"; Location = 'Lisbon'; Roles = 'Agent'; Teams = 'Contractors' }
            if ($Broken.ContainsKey($_)) { foreach ($field in $Broken[$_].Keys) { $row[$field] = $Broken[$_][$field] } }
            [pscustomobject]$row
        } | Export-Csv -Path $Path -NoTypeInformation
    }
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Get-BulkUserTemplate' {
    It 'returns every user as a bulk row with current roles and teams' {
        $template = Get-BulkUserTemplate
        $template.Count | Should -Be 39
        ($template | Where-Object Email -EQ 'ada.lovelace@example.com').Roles | Should -Be 'Admin'
    }
}

Describe 'Start-BulkJob' {
    It 'checks rows against the template with -WhatIf and uploads nothing' {
        $csv = Join-Path $TestDrive 'whatif.csv'
        New-AgentCsv $csv 20 @{ 4 = @{ Email = 'not-an-address' }; 9 = @{ LastName = '' }; 12 = @{ Roles = 'Wizard' } }
        Clear-RequestLog $sandbox

        $jobs = Import-Csv $csv | Start-BulkJob -WhatIf -ErrorVariable problems -ErrorAction SilentlyContinue

        $jobs | Should -BeNullOrEmpty
        $problems.Count | Should -Be 3
        $problems.Exception.Message | Should -Contain "row 4, email: 'not-an-address' is not a valid email address."
        $problems.Exception.Message | Should -Contain 'row 9, last_name: Last name is required.'
        $problems.Exception.Message | Should -Contain "row 12, roles: Role 'Wizard' does not exist."
        $problems[0].TargetObject.Email | Should -Be 'not-an-address'
        Get-WriteCallCount $sandbox | Should -Be 0
    }

    It 'runs a spreadsheet through jobs of -BatchSize rows and waits for them' {
        $csv = Join-Path $TestDrive 'agents.csv'
        New-AgentCsv $csv 25

        $jobs = Import-Csv $csv | Start-BulkJob -BatchSize 10 -Wait

        $jobs.Count | Should -Be 3
        $jobs.Status | Sort-Object -Unique | Should -Be 'completed'
        ($jobs | Measure-Object -Property AffectedRows -Sum).Sum | Should -Be 25
        (Get-User -User agent25@company.com).Groups | Should -Be 'Contractors'
    }

    It 'reads a file with -Path and traces errors back to its rows' {
        $csv = Join-Path $TestDrive 'mixed.csv'
        New-AgentCsv $csv 6 @{ 5 = @{ Location = 'Atlantis' } }

        $job = Start-BulkJob -Path $csv -Wait -WarningVariable warned -WarningAction SilentlyContinue
        $errors = $job | Get-BulkJobError -Kind Update

        $job.FailedRows | Should -Be 1
        $warned | Should -Not -BeNullOrEmpty
        $errors.SourceRow | Should -Be 5
        $errors.SourceFile | Should -Be $csv
        $errors.Severity | Should -Be 'Error'
        $errors.Message | Should -Match 'Atlantis'
    }

    It 'reads yes/no columns as true/false and refuses what is neither' {
        $null = [pscustomobject]@{ Email = 'flags@company.com'; LastName = 'Flag'; MaxChatLimitEnabled = 'yes' } | Start-BulkJob -Wait
        (Get-BulkUserTemplate | Where-Object Email -EQ 'flags@company.com').MaxChatLimitEnabled | Should -BeTrue

        { [pscustomobject]@{ Email = 'x@company.com'; LastName = 'X'; MaxChatLimitEnabled = 'maybe' } | Start-BulkJob -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*'maybe' is not a yes/no value*"
    }

    It 'deactivates users with a row whose status is Inactive' {
        $null = [pscustomobject]@{ Email = 'ben.okafor@example.com'; LastName = 'Okafor'; Status = 'Inactive' } | Start-BulkJob -Wait
        (Get-User -User ben.okafor@example.com).Status | Should -Be 'Inactive'
    }
}

Describe 'Get-BulkJob, Wait-BulkJob and Get-BulkJobError' {
    It 'lists jobs newest first and gets one by id' {
        $newest = Get-BulkJob -PerPage 1
        $newest.Count | Should -Be 1
        (Get-BulkJob -Id $newest.Id).Id | Should -Be $newest.Id
        (Get-BulkJob -PerPage 50 | Select-Object -First 2).Id | Should -Be @($newest.Id, ($newest.Id - 1))
    }

    It 'waits for jobs started without -Wait; a refused row is an error of its own and the rest go through' {
        $csv = Join-Path $TestDrive 'scheme.csv'
        New-AgentCsv $csv 20 @{ 17 = @{ Email = 'broken' } }

        $started = Import-Csv $csv | Start-BulkJob -BatchSize 10 -ErrorVariable refused -ErrorAction SilentlyContinue
        $finished = $started | Wait-BulkJob -WaitTimeoutSec 60

        $finished.Status | Should -Be @('completed', 'completed')
        $finished.TotalRows | Should -Be @(10, 9)
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -Match 'UserMgmt.BulkRowInvalid'
        $refused[0].TargetObject.Email | Should -Be 'broken'
        $refused[0].Exception.Message | Should -Match 'row 17, email'
    }
}

Describe 'The ordinary commands on CCAI Platform' {
    It 'invites, sets attributes and disables through jobs behind the scenes' {
        $invited = [pscustomobject]@{ Email = 'newagent@company.com'; FirstName = 'New'; LastName = 'Agent'; Groups = 'Contractors' } | Invite-User
        $moved = Set-UserAttribute -User grace.hopper@example.com -Location Remote
        $disabled = Disable-User -User hiro.tanaka@example.com -Confirm:$false

        $invited.Status | Should -Be 'Succeeded'
        $moved.Status | Should -Be 'Succeeded'
        $disabled.Status | Should -Be 'Succeeded'
        (Get-User -User newagent@company.com).Groups | Should -Be 'Contractors'
        (Get-User -User grace.hopper@example.com).Attributes['location'] | Should -Be 'Remote'
        (Get-User -User hiro.tanaka@example.com).Status | Should -Be 'Inactive'
    }

    It 'says what is missing when the platform needs more than the row has' {
        $result = Invite-User -Email nolastname@company.com -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Failed'
        $result.Message | Should -Match 'last name'
    }
}
