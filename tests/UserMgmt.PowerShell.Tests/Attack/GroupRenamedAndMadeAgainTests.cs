using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// Another administrator renames a group and makes a new one with its old name, after this session connected. A
/// change naming the group must reach the group that has the name now, not the one the connection's list still
/// gives it to: the list's ids would send it to the renamed group, and the platform would answer that with success.
/// </summary>
public sealed class GroupRenamedAndMadeAgainTests : ModuleTest
{
    private const string Csv = "User\nextra0001@example.com\nextra0002@example.com";

    [Fact]
    public void Add_User_Group_adds_to_the_group_now_named_so()
    {
        Sandbox.AddUsers(2);
        Sandbox.RenameGroup("Contractors", "Contractors 2025");
        Sandbox.AddGroup("contractors-2026", "Contractors");

        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], run.Statuses());
        Assert.Equal(["extra0001@example.com", "extra0002@example.com"], Sandbox.MembersOf("Contractors"));
        Assert.DoesNotContain("extra0001@example.com", Sandbox.MembersOf("Contractors 2025"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-Confirm:$true")]
    public void Invite_User_gives_a_known_address_the_group_now_named_so(string switches)
    {
        Sandbox.AddUsers(2);
        Sandbox.RenameGroup("Contractors", "Contractors 2025");
        Sandbox.AddGroup("contractors-2026", "Contractors");
        Shell.Host.Answers.Enqueue("A"); // Yes to All, if asked

        var run = Shell.Run($"$input | Invite-User -Group Contractors {switches}", CsvRows.From(Csv.Replace("User", "Email"))).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], run.Statuses());
        Assert.Equal(["extra0001@example.com", "extra0002@example.com"], Sandbox.MembersOf("Contractors"));
        Assert.Empty(Sandbox.MembersOf("Contractors 2025"));
    }

    [Fact]
    public void Remove_User_Group_removes_from_the_group_now_named_so()
    {
        Sandbox.AddUsers(2);
        Sandbox.RenameGroup("Contractors", "Contractors 2025");
        Sandbox.AddGroup("contractors-2026", "Contractors");
        Sandbox.PutAddedUsersIn("Contractors");

        var run = Shell.Run("$input | Remove-UserGroup -Group Contractors -Confirm:$false", CsvRows.From(Csv)).ThrowIfFailed();

        Assert.Equal(["Succeeded", "Succeeded"], run.Statuses());
        Assert.Empty(Sandbox.MembersOf("Contractors"));
    }
}
