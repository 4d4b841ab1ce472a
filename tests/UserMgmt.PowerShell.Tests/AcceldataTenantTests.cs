using System.Text.Json;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// The Acceldata commands as a user types them, against the strict sandbox and each shape the vendor's
/// sources leave open (docs/providers/acceldata.md), connected with the option such a tenant needs.
/// </summary>
public sealed class AcceldataTenantTests : ModuleTest
{
    protected override string? Provider => null;

    public static TheoryData<string> Variants() =>
    [
        "strict",
        nameof(SandboxVariant.AttributesPutReplaces),
        nameof(SandboxVariant.GroupCreateEnvelopeOnly),
        nameof(SandboxVariant.ErrorEnvelopeWith200),
        nameof(SandboxVariant.GroupIdsHoldNames),
        nameof(SandboxVariant.DataGroupsBody),
        nameof(SandboxVariant.PageSizeCapped),
        nameof(SandboxVariant.GroupCreateListShape),
    ];

    private void ConnectTo(string variant)
    {
        if (variant != "strict") Sandbox.UseVariants(Enum.Parse<SandboxVariant>(variant));
        var shape = variant switch
        {
            nameof(SandboxVariant.GroupIdsHoldNames) => "GroupNames",
            nameof(SandboxVariant.DataGroupsBody) => "DataGroups",
            _ => "GroupIds",
        };
        Shell.Run("""
            $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
            $null = Connect-UserMgmt -Provider Acceldata -BaseUri $uri -AccessKey $accessKey -SecretKey $secret -MaxRetry 2 -RetryDelay 0.01 -ProviderOption @{ GroupAssignmentShape = $shape }
            """, ("uri", Sandbox.BaseUri.ToString()), ("accessKey", SandboxOptions.DemoAccessKey), ("secretKey", SandboxOptions.DemoSecretKey), ("shape", shape))
            .ThrowIfFailed();
    }

    [Theory, MemberData(nameof(Variants))]
    public void A_new_group_is_created_and_people_moved_into_it(string variant)
    {
        ConnectTo(variant);

        var created = Shell.Run("New-Group 'Customer Analytics'");
        var moved = Shell.Run("Add-UserGroup -User ada.lovelace@example.com, ben.okafor@example.com -Group 'Customer Analytics'");
        var left = Shell.Run("Remove-UserGroup -User ada.lovelace@example.com -Group Analytics -Confirm:$false");

        Assert.Equal(["Succeeded"], created.Statuses());
        Assert.Equal(["Succeeded", "Succeeded"], moved.Statuses());
        Assert.Equal(["Succeeded"], left.Statuses());
        Assert.Equal(["ada.lovelace@example.com", "ben.okafor@example.com"], Sandbox.MembersOf("Customer Analytics"));
        Assert.DoesNotContain("Analytics", Sandbox.GroupsOf("ada.lovelace@example.com"));
    }

    [Theory, MemberData(nameof(Variants))]
    public void Set_UserAttribute_keeps_the_users_other_attributes(string variant)
    {
        ConnectTo(variant);

        var run = Shell.Run("Set-UserAttribute -User dev.patel@example.com -Title Lead");

        Assert.Equal(["Succeeded"], run.Statuses());
        var attributes = JsonSerializer.Deserialize<Dictionary<string, string[]>>(Sandbox.AttributesJson("dev.patel@example.com")!)!;
        Assert.Equal(["Lead"], attributes["title"]);
        Assert.Equal(["Analytics"], attributes["department"]);
    }

    [Theory, MemberData(nameof(Variants))]
    public void Invitations_create_new_users_and_disabling_then_enabling_works(string variant)
    {
        ConnectTo(variant);

        var invited = Shell.Run("Invite-User -Email ann@company.com -Group Contractors, Read-Only-Access");
        var disabled = Shell.Run("Disable-User -User chloe.martin@example.com -Confirm:$false");
        var wasEnabled = Sandbox.IsEnabled("chloe.martin@example.com");
        var enabled = Shell.Run("Enable-User -User chloe.martin@example.com");

        Assert.Equal(["Succeeded"], invited.Statuses());
        Assert.Equal(["Contractors", "Read-Only-Access"], Sandbox.GroupsOf("ann@company.com"));
        Assert.Equal(["Succeeded"], disabled.Statuses());
        Assert.False(wasEnabled);
        Assert.Equal(["Succeeded"], enabled.Statuses());
        Assert.True(Sandbox.IsEnabled("chloe.martin@example.com"));
    }

    // Review finding 1: a tenant that caps its page size ended every listing at its first, short page.
    [Fact]
    public void Get_User_All_reads_every_one_of_250_users_when_pages_are_capped()
    {
        Sandbox.AddUsers(250);
        ConnectTo(nameof(SandboxVariant.PageSizeCapped));
        var everyone = Sandbox.Query("SELECT COUNT(*) FROM users", r => r.GetInt32(0)).Single();

        var run = Shell.Run("Get-User -All").ThrowIfFailed();

        Assert.True(everyone > 250);
        Assert.Equal(everyone, run.Output.Count);
        Assert.Equal(everyone, run.Values("Email").Distinct().Count());
    }

    [Fact]
    public void Get_Group_and_Get_User_Group_read_everything_when_pages_are_capped()
    {
        Sandbox.AddGroups(210);
        Sandbox.AddUsers(45);
        Sandbox.PutAddedUsersIn("Analytics");
        ConnectTo(nameof(SandboxVariant.PageSizeCapped));

        var groups = Shell.Run("Get-Group").ThrowIfFailed();
        var members = Shell.Run("Get-User -Group Analytics -All").ThrowIfFailed();

        Assert.Equal(Sandbox.Query("SELECT COUNT(*) FROM groups", r => r.GetInt32(0)).Single(), groups.Values("Name").Distinct().Count());
        Assert.Equal(Sandbox.MembersOf("Analytics"), new SortedSet<string>(members.Values("Email").Select(e => e!.ToString()!), StringComparer.OrdinalIgnoreCase));
    }
}
