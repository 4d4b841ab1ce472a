using UserMgmt.PowerShell.Tests.Coverage;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Each directory cmdlet run once as typed at the prompt, checked against the sandbox's database.</summary>
public sealed class AcceldataCommandTests : ModuleTest
{
    [Fact]
    [Covers("Connect-UserMgmt", "Key")]
    [Covers("Disconnect-UserMgmt")]
    public void Connect_with_keys_then_disconnect_leaves_commands_unconnected()
    {
        var connected = Shell.Run("""
            $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
            Connect-UserMgmt -Provider Acceldata -BaseUri $uri -AccessKey $accessKey -SecretKey $secret
            """, ("uri", Sandbox.BaseUri.ToString()), ("accessKey", SandboxOptions.DemoAccessKey), ("secretKey", SandboxOptions.DemoSecretKey))
            .ThrowIfFailed();
        Assert.Single(connected.Output);

        Shell.Run("Disconnect-UserMgmt").ThrowIfFailed();
        var after = Shell.Run("Get-User -First 1");

        Assert.True(after.Stopped is not null || after.Errors.Count > 0, "Get-User ran after Disconnect-UserMgmt.");
    }

    [Fact]
    [Covers("Get-User", "Identity")]
    public void Get_User_by_email_and_by_id()
    {
        var users = Shell.Run("Get-User ada.lovelace@example.com, user-002").ThrowIfFailed();

        Assert.Equal(["ada.lovelace@example.com", "ben.okafor@example.com"], users.Values("Email").Select(v => v?.ToString()));
    }

    [Fact]
    [Covers("Get-User", "List")]
    public void Get_User_searches_and_lists_everyone()
    {
        var found = Shell.Run("Get-User -Search lovelace").ThrowIfFailed();
        var all = Shell.Run("Get-User -All").ThrowIfFailed();

        Assert.Equal(["ada.lovelace@example.com"], found.Values("Email").Select(v => v?.ToString()));
        Assert.Equal(Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single(), all.Output.Count);
    }

    [Fact]
    [Covers("Get-Group")]
    public void Get_Group_lists_all_and_by_name()
    {
        var all = Shell.Run("Get-Group").ThrowIfFailed();
        var one = Shell.Run("Get-Group Contractors").ThrowIfFailed();

        Assert.Equal(Sandbox.Query("SELECT COUNT(*) FROM groups", r => r.GetInt32(0)).Single(), all.Output.Count);
        Assert.Equal(["Contractors"], one.Values("Name").Select(v => v?.ToString()));
    }

    [Fact]
    [Covers("New-UserInvitation")]
    public void New_UserInvitation_invites_into_groups()
    {
        var result = Shell.Run("New-UserInvitation -Email new.person@company.com -Group Contractors").ThrowIfFailed();

        Assert.Equal(["Succeeded"], result.Statuses());
        Assert.Equal(1, Sandbox.InvitationsSent("new.person@company.com"));
    }

    [Fact]
    [Covers("Add-UserGroup")]
    [Covers("Remove-UserGroup", "Group")]
    public void Add_UserGroup_then_Remove_UserGroup()
    {
        Shell.Run("Add-UserGroup ada.lovelace@example.com Contractors").ThrowIfFailed();
        Assert.Contains("Contractors", Sandbox.GroupsOf("ada.lovelace@example.com"));

        var removed = Shell.Run("Remove-UserGroup ada.lovelace@example.com Contractors -Confirm:$false").ThrowIfFailed();

        Assert.Equal(["Succeeded"], removed.Statuses());
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf("ada.lovelace@example.com"));
    }

    [Fact]
    [Covers("Set-UserAttribute")]
    public void Set_UserAttribute_from_a_hashtable_and_a_column_parameter()
    {
        Shell.Run("Set-UserAttribute ada.lovelace@example.com @{ costCenter = 'CC-1' } -Department 'Customer Analytics'").ThrowIfFailed();

        var attributes = Sandbox.AttributesJson("ada.lovelace@example.com")!;
        Assert.Contains("Customer Analytics", attributes);
        Assert.Contains("CC-1", attributes);
    }

    [Fact]
    [Covers("Disable-User")]
    [Covers("Enable-User")]
    public void Disable_User_then_Enable_User()
    {
        Shell.Run("Disable-User ada.lovelace@example.com -Confirm:$false").ThrowIfFailed();
        Assert.False(Sandbox.IsEnabled("ada.lovelace@example.com"));

        Shell.Run("Enable-User ada.lovelace@example.com").ThrowIfFailed();
        Assert.True(Sandbox.IsEnabled("ada.lovelace@example.com"));
    }

    [Fact]
    [Covers("New-Group")]
    public void New_Group_creates_and_skips_an_existing_one()
    {
        var result = Shell.Run("New-Group 'Customer Analytics', Contractors -Description 'Made by a test'").ThrowIfFailed();

        Assert.Equal(["Succeeded", "Skipped"], result.Statuses());
        Assert.True(Sandbox.GroupExists("Customer Analytics"));
    }

    [Fact]
    public async Task Add_UserGroup_rows_change_each_user_through_the_vendors_per_user_call()
    {
        var rows = CsvRows.From("Id\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"user-{i:D3}")) + "\nnobody@company.com");
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", rows);

        Assert.Equal([.. Enumerable.Repeat("Succeeded", 12), "Failed"], run.Statuses());
        Assert.Equal(12, await Sandbox.CallsAsync("PUT", "/admin/api/users/{userId}/assign-groups"));
        Assert.Equal(12, await Sandbox.WriteCallsAsync());
        Assert.Equal(12, Sandbox.MembersOf("Contractors").Count);
    }

    [Fact]
    public async Task With_the_group_call_chosen_Add_UserGroup_rows_for_one_group_share_one_call_and_each_row_is_answered()
    {
        Shell.Run("""
            $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
            $null = Connect-UserMgmt -Provider Acceldata -BaseUri $uri -AccessKey $accessKey -SecretKey $secret -ProviderOption @{ MembershipCall = 'GroupMembers' }
            """, ("uri", Sandbox.BaseUri.ToString()), ("accessKey", SandboxOptions.DemoAccessKey), ("secretKey", SandboxOptions.DemoSecretKey))
            .ThrowIfFailed();
        var rows = CsvRows.From("Id\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"user-{i:D3}")) + "\nnobody@company.com");
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("$input | Add-UserGroup -Group Contractors -WhatIf", rows);
        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", rows);

        Assert.Equal([.. Enumerable.Repeat("WhatIf", 12), "Failed"], preview.Statuses());
        Assert.Equal([.. Enumerable.Repeat("Succeeded", 12), "Failed"], run.Statuses());
        Assert.Same(rows[12], Assert.Single(run.Errors).TargetObject);
        Assert.Equal(1, await Sandbox.CallsAsync("PUT", "/admin/api/groups/{groupId}"));
        Assert.Equal(1, await Sandbox.WriteCallsAsync());
        Assert.Equal(12, Sandbox.MembersOf("Contractors").Count);
    }
}
