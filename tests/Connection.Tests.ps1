BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSandbox.ps1')
    $sandbox = Start-TestSandbox
}

AfterAll {
    Stop-TestSandbox $sandbox
}

Describe 'Connect-UserMgmt' {
    It 'returns a connection that shows no secret' {
        $connection = Connect-TestSandbox $sandbox
        $connection.Provider | Should -Be 'Acceldata'
        $connection.UserName | Should -Be 'demo-access-key'
        ($connection | Format-List * | Out-String) | Should -Not -Match 'demo-secret-key'
    }

    It 'accepts the access key and a SecureString secret key' {
        $secret = ConvertTo-SecureString 'demo-secret-key' -AsPlainText -Force
        $connection = Connect-UserMgmt -Provider Acceldata -BaseUri $sandbox.Uri -AccessKey demo-access-key -SecretKey $secret
        $connection.BaseUri.ToString() | Should -BeLike "$($sandbox.Uri)*"
    }

    It 'stops with an authentication error on a wrong secret, without printing it' {
        $thrown = { Connect-UserMgmt -Provider Acceldata -BaseUri $sandbox.Uri -Credential (Get-TestCredential 'wrong-secret-value') } |
            Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'UserMgmt.AuthenticationFailed*'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -Not -Match 'wrong-secret-value'
    }

    It 'refuses plain http to another host' {
        { Connect-UserMgmt -Provider Acceldata -BaseUri 'http://tenant.example.com' -Credential (Get-TestCredential) } |
            Should -Throw -ExpectedMessage '*clear text*'
    }

    It 'lets commands use a connection passed explicitly' {
        $connection = Connect-TestSandbox $sandbox
        (Get-User -User 'ada.lovelace@example.com' -Connection $connection).Id | Should -Be 'user-001'
    }
}

Describe 'Disconnect-UserMgmt' {
    It 'forgets the current connection, so commands ask for one' {
        $null = Connect-TestSandbox $sandbox
        Disconnect-UserMgmt
        { Get-User -Search ada } | Should -Throw -ExpectedMessage '*Connect-UserMgmt*'
    }
}
