@{
    RootModule           = 'bin/UserMgmt/UserMgmt.dll'
    # Imported first: it gives the engine and its dependencies a load context of their own.
    NestedModules        = @('bin/UserMgmt/UserMgmt.Loader.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f3c1e-8a4b-4c7e-9f2d-6b1a7e3c9d40'
    Author               = 'UserMgmt contributors'
    CompanyName          = 'UserMgmt'
    Copyright            = '(c) 2026 UserMgmt contributors. MIT licence.'
    Description          = 'Bulk user management for SaaS platforms over their REST APIs: invitations, group membership, attributes and account state, from the pipeline, with -WhatIf.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')

    CmdletsToExport      = @(
        'Connect-UserMgmt'
        'Disconnect-UserMgmt'
        'Get-User'
        'Get-Group'
        'Get-Role'
        'Get-IdentityProvider'
        'New-Group'
        'New-UserInvitation'
        'Add-UserGroup'
        'Remove-UserGroup'
        'Set-UserAttribute'
        'Disable-User'
        'Enable-User'
        'Start-BulkJob'
        'Get-BulkJob'
        'Wait-BulkJob'
        'Get-BulkJobError'
        'Get-BulkUserTemplate'
        'Test-ReorgPlan'
        'New-ReorgPlan'
        'Invoke-ReorgPlan'
    )
    AliasesToExport      = @('Invite-User')
    FunctionsToExport    = @()
    FormatsToProcess     = @('UserMgmt.format.ps1xml')
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('UserManagement', 'Bulk', 'SaaS', 'SCIM', 'Acceldata', 'CCAI', 'Onboarding', 'PSEdition_Core')
            ReleaseNotes = '0.1.0: users, groups, attributes and accounts on Acceldata; bulk jobs on CCAI Platform; declarative reorganisation plans; retries, throttling and -WhatIf throughout.'
        }
    }
}
