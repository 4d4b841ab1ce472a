#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests UserMgmt, or starts the sandbox.
.DESCRIPTION
    Build    compiles the solution; the module lands in bin/UserMgmt, where UserMgmt.psd1 loads it.
    Test     runs the xunit tests, then the Pester tests when Pester 5 is installed.
    Pester   runs only the Pester tests (after a build).
    Docs     regenerates en-US/ (MAML help and about_ topics) from docs/ with PlatyPS.
    Package  builds a clean module folder in out/UserMgmt, ready for Publish-PSResource.
    Sandbox  starts the local server that emulates the platforms (Ctrl+C stops it).
    Each step is also a plain dotnet command; see README.md.
.EXAMPLE
    ./build.ps1                      # Build, then Test
.EXAMPLE
    ./build.ps1 -Task Sandbox -SandboxUrl http://127.0.0.1:5080
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'Package', 'Sandbox')]
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

function Invoke-Docs {
    $docs = Join-Path $PSScriptRoot 'docs'
    $help = Join-Path $PSScriptRoot 'en-US'
    if (Get-Module -ListAvailable platyPS) {
        # PlatyPS 0.14 writes both the MAML help and the about_ topics.
        Import-Module platyPS
        $null = New-ExternalHelp -Path $docs -OutputPath $help -Force
    }
    elseif (Get-Module -ListAvailable Microsoft.PowerShell.PlatyPS) {
        # PlatyPS 1.x writes the MAML help; the about_ topics in en-US are left as they are.
        Import-Module Microsoft.PowerShell.PlatyPS
        $staging = Join-Path ([IO.Path]::GetTempPath()) "usermgmt-help-$([guid]::NewGuid().ToString('N'))"
        $null = Get-ChildItem $docs -Filter '*-*.md' | Import-MarkdownCommandHelp | Export-MamlCommandHelp -OutputFolder $staging -Force
        Copy-Item (Join-Path $staging 'UserMgmt/UserMgmt.dll-Help.xml') $help -Force
        Remove-Item $staging -Recurse -Force
    }
    else {
        Write-Warning 'PlatyPS is not installed, so en-US/ was left as it is. Install-PSResource platyPS to regenerate it.'
    }
}

# The module folder keeps the repository's relative layout, so the manifest works unchanged.
function Invoke-Package {
    $target = Join-Path $PSScriptRoot 'out/UserMgmt'
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $target
    Copy-Item -Path UserMgmt.psd1, UserMgmt.format.ps1xml, LICENSE, README.md -Destination $target
    Copy-Item -Path en-US -Destination $target -Recurse
    $null = New-Item -ItemType Directory -Path (Join-Path $target 'bin')
    Copy-Item -Path bin/UserMgmt -Destination (Join-Path $target 'bin') -Recurse
    Get-ChildItem $target -Recurse -Include *.pdb | Remove-Item
    Test-ModuleManifest -Path (Join-Path $target 'UserMgmt.psd1') | Out-Null
    "Module ready in $target"
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Dotnet build UserMgmt.sln -c $Configuration }
        'Test' {
            Invoke-Dotnet test UserMgmt.sln -c $Configuration --no-build
            Invoke-PesterTest
        }
        'Pester' { Invoke-PesterTest }
        'Docs' { Invoke-Docs }
        'Package' { Invoke-Package }
        'Sandbox' { Invoke-Dotnet run --project src/UserMgmt.Sandbox -c $Configuration -- --urls $SandboxUrl --db $SandboxDatabase }
    }
}
