# Shared by the Pester tests (dot-source it in BeforeAll): the module, a sandbox of the test file's own
# on a free loopback port with a fresh database, and the sandbox's request log.

$script:RepoRoot = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $script:RepoRoot 'UserMgmt.psd1') -Force

function Start-TestSandbox([switch] $Connect) {
    $configuration = if ($env:USERMGMT_CONFIGURATION) { $env:USERMGMT_CONFIGURATION } else { 'Release' }
    $server = Join-Path $script:RepoRoot "src/UserMgmt.Sandbox/bin/$configuration/net10.0/UserMgmt.Sandbox.dll"
    if (-not (Test-Path $server)) { throw "Build the solution first (dotnet build -c $configuration): $server is missing." }

    $directory = Join-Path ([IO.Path]::GetTempPath()) "usermgmt-pester-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $directory
    $output = Join-Path $directory 'sandbox.out'
    $errors = Join-Path $directory 'sandbox.err'
    # The admin endpoints (/_sandbox) take a key of their own: chosen here, so nothing has to be read back.
    $adminKey = [guid]::NewGuid().ToString('N')
    $arguments = @($server, '--urls', 'http://127.0.0.1:0', '--db', (Join-Path $directory 'sandbox.db'), '--admin-key', $adminKey)
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -RedirectStandardOutput $output -RedirectStandardError $errors -PassThru

    # The sandbox prints its address once it listens: wait for that line, not for a fixed time.
    $deadline = (Get-Date).AddSeconds(60)
    while ($true) {
        $line = Select-String -Path $output -Pattern 'listening on (\S+)' -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($line) { break }
        if ($process.HasExited) { throw "The sandbox exited early: $(Get-Content $errors -Raw)" }
        if ((Get-Date) -gt $deadline) {
            Stop-Process -Id $process.Id -ErrorAction SilentlyContinue
            throw 'The sandbox did not start within 60 seconds.'
        }
        Start-Sleep -Milliseconds 100
    }
    $sandbox = [pscustomobject]@{
        Uri       = $line.Matches[0].Groups[1].Value.TrimEnd('/')
        Process   = $process
        Directory = $directory
        AdminKey  = $adminKey
    }
    if ($Connect) { $null = Connect-TestSandbox $sandbox }
    $sandbox
}

function Stop-TestSandbox([object] $Sandbox) {
    Disconnect-UserMgmt
    if (-not $Sandbox) { return }
    Stop-Process -Id $Sandbox.Process.Id -ErrorAction SilentlyContinue
    $null = $Sandbox.Process.WaitForExit(10000)
    Remove-Item -Path $Sandbox.Directory -Recurse -Force -ErrorAction SilentlyContinue
}

# CCAI's user name is the tenant's subdomain (the sandbox's is 'demo'); Acceldata's is the access key.
function Get-TestCredential([string] $Secret = 'demo-secret-key', [string] $UserName = 'demo-access-key') {
    [pscredential]::new($UserName, (ConvertTo-SecureString $Secret -AsPlainText -Force))
}

function Connect-TestSandbox([object] $Sandbox) {
    Connect-UserMgmt -Provider Acceldata -BaseUri $Sandbox.Uri -Credential (Get-TestCredential)
}

# Calls the sandbox's own endpoints, with its admin key.
function Invoke-SandboxAdmin([object] $Sandbox, [string] $Path, [string] $Method = 'Get', [object] $Body) {
    $call = @{ Method = $Method; Uri = "$($Sandbox.Uri)/_sandbox/$Path"; Headers = @{ 'X-Sandbox-Admin-Key' = $Sandbox.AdminKey } }
    if ($PSBoundParameters.ContainsKey('Body')) { $call.ContentType = 'application/json'; $call.Body = $Body }
    Invoke-RestMethod @call
}

# Calls that changed, or tried to change, something since the log was last cleared.
function Get-WriteCallCount([object] $Sandbox) {
    $writes = Invoke-SandboxAdmin $Sandbox 'requests' |
        ForEach-Object { $_ } |
        Where-Object method -NE 'GET' |
        Measure-Object -Property count -Sum
    [int] $writes.Sum
}

function Clear-RequestLog([object] $Sandbox) {
    $null = Invoke-SandboxAdmin $Sandbox 'requests' -Method Delete
}

# Makes the sandbox misbehave: e.g. @{ serverErrorRate = 1; methods = 'POST' }. No argument restores it.
function Set-SandboxFault([object] $Sandbox, [hashtable] $Fault = @{}) {
    $null = Invoke-SandboxAdmin $Sandbox 'faults' -Method Put -Body ($Fault | ConvertTo-Json)
}

function Connect-TestCcai([object] $Sandbox) {
    Connect-UserMgmt -Provider Ccai -BaseUri $Sandbox.Uri -Credential (Get-TestCredential -UserName 'demo')
}

function Connect-TestAppXite([object] $Sandbox) {
    $key = ConvertTo-SecureString 'demo-subscription-key' -AsPlainText -Force
    $token = ConvertTo-SecureString 'demo-secret-key' -AsPlainText -Force
    Connect-UserMgmt -Provider AppXite -BaseUri "$($Sandbox.Uri)/appxite/" -SecretKey $token -ProviderOption @{ SubscriptionKey = $key }
}
