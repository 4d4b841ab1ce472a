using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Get-User on CCAI Platform as its users run it, against the sandbox in its strict default and in
/// every shape the vendor's user configuration page leaves open for these reads.
/// </summary>
public sealed class CcaiReadCommandTests : ModuleTest
{
    protected override string? Provider => "Ccai";

    public static TheoryData<string> Variants => ["none", "numeric-ids", "memberships-without-value", "loose-user-fields", "per-page-ignored"];

    // Issue 12, item 3: on a directory of 250 without a Total header, -First 130 gave fewer users than asked for.
    [Theory, MemberData(nameof(Variants))]
    public void Get_User_First_130_returns_130_different_users_of_250(string variant)
    {
        Sandbox.AddUsers(211);
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);

        var run = Shell.Run("Get-User -First 130").ThrowIfFailed();

        Assert.Equal(130, run.Values("Email").Distinct().Count());
        Assert.Equal(130, run.Output.Count);
    }

    [Theory, MemberData(nameof(Variants))]
    public void Get_User_All_reads_every_page(string variant)
    {
        Sandbox.AddUsers(211);
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);

        var run = Shell.Run("Get-User -All").ThrowIfFailed();

        Assert.Equal(250, run.Values("Email").Distinct().Count());
        Assert.Equal(250, run.Output.Count);
    }

    // Items 2, 4, 5 and D9: a user named by address, then by the id the platform gave, reads the same in every shape.
    [Theory, MemberData(nameof(Variants))]
    public void A_user_got_by_address_and_by_id_is_the_same_user(string variant)
    {
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);

        var byAddress = Assert.Single(Shell.Run("Get-User -User ada.lovelace@example.com").ThrowIfFailed().Output);
        var byId = Assert.Single(Shell.Run("Get-User -User $id", ("id", byAddress.Properties["Id"].Value!.ToString()!)).ThrowIfFailed().Output);

        Assert.Equal("ada.lovelace@example.com", byId.Properties["Email"].Value);
        Assert.Equal(new[] { "Administrators", "Analytics" }, ((IEnumerable<string>)byId.Properties["Groups"].Value!).Order());
        Assert.Equal("Active", byId.Properties["Status"].Value!.ToString());
    }

    // Item 5: members of a team are found whether memberships come flagged or listed.
    [Theory, MemberData(nameof(Variants))]
    public void Get_User_Group_finds_the_members_in_every_shape(string variant)
    {
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);

        var run = Shell.Run("Get-User -Group (Get-Group -Name Analytics) -All").ThrowIfFailed();

        Assert.Equal(Sandbox.MembersOf("Analytics"), new SortedSet<string>(run.Values("Email").Select(e => e!.ToString()!), StringComparer.OrdinalIgnoreCase));
    }

    // Item 5's consequence: membership read wrongly made removals skip users who are members and additions re-add them.
    [Theory, MemberData(nameof(Variants))]
    public void Membership_changes_see_the_teams_a_user_is_in_whatever_the_shape(string variant)
    {
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);

        var removed = Shell.Run("Remove-UserGroup ada.lovelace@example.com Analytics -Confirm:$false").ThrowIfFailed();
        var notIn = Shell.Run("Remove-UserGroup ada.lovelace@example.com Engineering -Confirm:$false").ThrowIfFailed();
        var already = Shell.Run("Add-UserGroup ada.lovelace@example.com Administrators -Confirm:$false").ThrowIfFailed();

        Assert.Equal(["Succeeded"], removed.Values("Status").Select(s => s?.ToString()));
        Assert.Equal(["Skipped"], notIn.Values("Status").Select(s => s?.ToString()));
        Assert.Equal(["Skipped"], already.Values("Status").Select(s => s?.ToString()));
        Assert.Equal(new SortedSet<string> { "Administrators" }, Sandbox.GroupsOf("ada.lovelace@example.com"));
    }

    // A8: a template of held teams alone names no team nobody is in. Such a team is still joined, where the
    // client once refused it as missing; a name the platform lacks is judged by the platform, whose answer (a
    // warning on the row, the team left out) makes the row fail with that warning, ready to be sent again.
    [Fact]
    public void With_held_teams_alone_a_team_nobody_is_in_is_joined_and_an_unknown_one_is_judged_by_the_platform()
    {
        Assert.Empty(Sandbox.MembersOf("Contractors"));
        Sandbox.UseVariants(SandboxVariant.MembershipsWithoutValue);

        var joined = Shell.Run("Add-UserGroup grace.hopper@example.com Contractors");
        var unknown = Shell.Run("Add-UserGroup grace.hopper@example.com 'No Such Team'");

        Assert.Equal(["Succeeded"], joined.Statuses());
        Assert.Contains("Contractors", Sandbox.GroupsOf("grace.hopper@example.com"));
        Assert.Equal(["Failed"], unknown.Statuses());
        Assert.Contains("Team 'No Such Team' does not exist", Assert.Single(unknown.Values("Message"))?.ToString());
        Assert.DoesNotContain("No Such Team", Sandbox.GroupsOf("grace.hopper@example.com"));
    }

    // D9 with item 4: a change names the user by the id the platform gave, numeric or not. (A team some user
    // holds: a template listing held teams only, memberships-without-value, names no other; see A8.)
    [Theory, MemberData(nameof(Variants))]
    public void A_user_named_by_id_is_changed(string variant)
    {
        Sandbox.Host.Variants.Active = SandboxVariants.Parse(variant);
        var id = Assert.Single(Shell.Run("Get-User -User grace.hopper@example.com").ThrowIfFailed().Output).Properties["Id"].Value!.ToString()!;
        Connect("Ccai").ThrowIfFailed();

        var added = Shell.Run("Add-UserGroup -User $id -Group Engineering -Confirm:$false", ("id", id)).ThrowIfFailed();

        Assert.Equal(["Succeeded"], added.Values("Status").Select(s => s?.ToString()));
        Assert.Contains("Engineering", Sandbox.GroupsOf("grace.hopper@example.com"));
    }
}
