BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Get-Role and Get-IdentityProvider (AppXite)' {
    BeforeEach { $null = Connect-TestAppXite $sandbox }

    It 'lists roles lightest first' {
        (Get-Role).Name | Should -Be @('Agent', 'Supervisor', 'Admin')
    }

    It 'lists only the enabled identity providers when asked' {
        (Get-IdentityProvider -Enabled).Name | Should -Not -Contain 'Legacy SSO'
        (Get-IdentityProvider legacy).Enabled | Should -BeFalse
    }

    It 'invites spreadsheet rows with roles, organisations and an identity provider, and fails a misspelt role' {
        $rows = @'
Email,Roles,Organizations,Idp
pester1@partner.com,Supervisor,org-contoso;org-fabrikam,aad
pester2@partner.com,Supervisr,org-contoso,aad
'@ | ConvertFrom-Csv
        $results = $rows | Invite-User -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Succeeded', 'Failed')
        $results[1].Message | Should -Match "Did you mean 'Supervisor'"
        (Get-User -User pester1@partner.com).Organizations | Should -Be @('org-contoso', 'org-fabrikam')
    }
}
