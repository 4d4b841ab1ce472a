#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests UserMgmt, or starts the sandbox.
.DESCRIPTION
    Build    compiles the solution; the module lands in bin/UserMgmt, where UserMgmt.psd1 loads it.
    Test     runs the xunit tests, then the Pester tests when Pester 5 is installed.
    Pester   runs only the Pester tests (after a build).
    Sandbox  starts the local server that emulates the platforms (Ctrl+C stops it).
    Each step is also a plain dotnet command; see README.md.
.EXAMPLE
    ./build.ps1                      # Build, then Test
.EXAMPLE
    ./build.ps1 -Task Sandbox -SandboxUrl http://127.0.0.1:5080
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Sandbox')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where the Pester totals go as "passed failed skipped", for CI.
    [string] $SummaryFile,

    [string] $SandboxUrl = 'http://127.0.0.1:5080',
    [string] $SandboxDatabase = './sandbox.db'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-PesterTest {
    $pester = Get-Module -ListAvailable Pester | Where-Object Version -GE '5.0' | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed, so the Pester tests were skipped. Install-PSResource Pester to run them.'
        return
    }
    Import-Module $pester
    $pesterSettings = New-PesterConfiguration
    $pesterSettings.Run.Path = Join-Path $PSScriptRoot 'tests'
    $pesterSettings.Run.PassThru = $true
    $pesterSettings.Output.Verbosity = 'Detailed'
    $env:USERMGMT_CONFIGURATION = $Configuration
    $result = Invoke-Pester -Configuration $pesterSettings
    if ($SummaryFile) {
        "$($result.PassedCount) $($result.FailedCount) $($result.SkippedCount)" | Set-Content -Path $SummaryFile
    }
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed." }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Dotnet build UserMgmt.sln -c $Configuration }
        'Test' {
            Invoke-Dotnet test UserMgmt.sln -c $Configuration --no-build
            Invoke-PesterTest
        }
        'Pester' { Invoke-PesterTest }
        'Sandbox' { Invoke-Dotnet run --project src/UserMgmt.Sandbox -c $Configuration -- --urls $SandboxUrl --db $SandboxDatabase }
    }
}
