using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// Our own output piped back into a SCIM change with no arguments of its own: groups into Remove-UserGroup, users into
/// a previewed Disable-User. Nothing may reach the service, and nobody's membership or account may change.
/// </summary>
public sealed class ScimPipedBackTests : IAsyncLifetime
{
    private ScimPeer _peer = null!;
    private PowerShellSession _shell = null!;

    public async Task InitializeAsync()
    {
        _shell = PowerShellSession.Start();
        _peer = await ScimPeer.StartAsync(new ScimPeerOptions { Patch = false, ETag = true });
        _shell.Run("""
            $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
            $null = Connect-UserMgmt -Provider Scim -BaseUri $uri -SecretKey $token -MaxRetry 2 -RetryDelay 0.01
            """, ("uri", _peer.BaseUri.ToString()), ("secret", _peer.Token)).ThrowIfFailed();
    }

    [Theory]
    [InlineData("Get-Group | Remove-UserGroup -Confirm:$false -ErrorAction SilentlyContinue")]
    [InlineData("Get-Group | Add-UserGroup -ErrorAction SilentlyContinue")]
    [InlineData("Get-User | Disable-User -WhatIf")]
    [InlineData("Get-Group | Get-User | Disable-User -WhatIf")]
    [InlineData("Get-User | Remove-UserGroup -All -WhatIf")]
    [InlineData("Get-Group | Get-User -ErrorAction SilentlyContinue | Remove-UserGroup -Confirm:$false -ErrorAction SilentlyContinue")]
    public async Task Piped_back_output_sends_no_change(string command)
    {
        var before = await _peer.MembersOfAsync("Engineering");
        await _peer.ClearRequestLogAsync();

        _shell.Run(command);

        Assert.Equal(0, (await _peer.RequestCountsAsync()).Where(c => c.Method != "GET").Sum(c => c.Count));
        Assert.Equal(before, await _peer.MembersOfAsync("Engineering"));
        Assert.True(await _peer.IsActiveAsync("ada.lovelace@example.com"));
    }

    public async Task DisposeAsync()
    {
        _shell.Dispose();
        await _peer.DisposeAsync();
    }
}
