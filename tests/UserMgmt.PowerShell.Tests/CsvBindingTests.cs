using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Rows bind by property name with every column name the README documents, as Import-Csv makes them
/// (all strings), and our own Get-User and Get-Group objects bind the same way.
/// </summary>
public sealed class CsvBindingTests : ModuleTest
{
    private static List<PSObject> Rows(params string[] csvFiles) => csvFiles.SelectMany(CsvRows.From).ToList();

    [Fact]
    public void Every_user_column_alias_binds_to_the_user()
    {
        // One spreadsheet per column name; the people are in Analytics and not yet in Contractors.
        var rows = Rows("Email\nada.lovelace@example.com", "Mail\nben.okafor@example.com", "EmailAddress\nchloe.martin@example.com",
            "UserPrincipalName\ndev.patel@example.com", "Id\nuser-005", "UserId\nuser-006");

        var results = Shell.Run("$input | Add-UserGroup -Group Contractors", rows).ThrowIfFailed();

        Assert.Equal(Enumerable.Repeat("Succeeded", 6), results.Statuses());
        Assert.Equal(["ada.lovelace@example.com", "ben.okafor@example.com", "chloe.martin@example.com", "dev.patel@example.com",
            "elena.rossi@example.com", "farid.haddad@example.com"], Sandbox.MembersOf("Contractors"));
    }

    [Fact]
    public void Every_group_column_alias_binds_and_a_semicolon_cell_is_a_list()
    {
        var rows = Rows("User,Group\nada.lovelace@example.com,Contractors", "User,Groups\nben.okafor@example.com,Contractors; Read-Only-Access",
            "User,GroupName\nchloe.martin@example.com,Read-Only-Access");

        Shell.Run("$input | Add-UserGroup", rows).ThrowIfFailed();

        Assert.Equal(["ada.lovelace@example.com", "ben.okafor@example.com"], Sandbox.MembersOf("Contractors"));
        Assert.Equal(["ben.okafor@example.com", "chloe.martin@example.com"], Sandbox.MembersOf("Read-Only-Access"));
    }

    [Fact]
    public void Invitation_columns_bind_by_every_address_alias()
    {
        var rows = Rows("Email,Groups\na@company.com,Contractors", "Mail,Group\nb@company.com,Contractors",
            "EmailAddress,GroupName\nc@company.com,Contractors", "UserPrincipalName\nd@company.com");

        var results = Shell.Run("$input | Invite-User", rows).ThrowIfFailed();

        Assert.Equal(["a@company.com", "b@company.com", "c@company.com", "d@company.com"], results.Targets());
        Assert.All(["a@company.com", "b@company.com", "c@company.com", "d@company.com"], e => Assert.Equal(1, Sandbox.InvitationsSent(e)));
    }

    [Fact]
    public void Yes_no_columns_read_as_switches_and_anything_else_names_the_value()
    {
        var rows = Rows("Email,SendEmail\nyes@company.com,yes\nno@company.com,no\none@company.com,1\nfalse@company.com,FALSE");

        Shell.Run("$input | Invite-User", rows).ThrowIfFailed();
        var bad = Shell.Run("$input | Invite-User", Rows("Email,SendEmail\nmaybe@company.com,maybe"));

        bool Sent(string email) => Sandbox.Query("SELECT send_email FROM invitations WHERE email = @e", r => r.GetBoolean(0), ("@e", email)).Single();
        Assert.True(Sent("yes@company.com"));
        Assert.False(Sent("no@company.com"));
        Assert.True(Sent("one@company.com"));
        Assert.False(Sent("false@company.com"));
        var error = Assert.Single(bad.Errors);
        Assert.Contains("'maybe' is not a yes/no value", error.Exception.Message);
        Assert.Equal(0, Sandbox.InvitationsSent("maybe@company.com"));
    }

    [Fact]
    public void Attribute_columns_and_their_aliases_set_attributes()
    {
        var rows = Rows("Email,Department,Title,Location,Manager,CostCenter\nada.lovelace@example.com,Customer Analytics,Lead,Berlin,ben.okafor@example.com,CC-7",
            "Email,JobTitle,Office\nben.okafor@example.com,Analyst; On-call,Lisbon");

        Shell.Run("$input | Set-UserAttribute", rows).ThrowIfFailed();

        var ada = Sandbox.AttributesJson("ada.lovelace@example.com")!;
        foreach (var value in new[] { "Customer Analytics", "Lead", "ben.okafor@example.com", "CC-7" }) Assert.Contains(value, ada);
        var ben = Sandbox.AttributesJson("ben.okafor@example.com")!;
        Assert.Contains("Analyst", ben);
        Assert.Contains("On-call", ben);
        Assert.DoesNotContain("Analyst; On-call", ben);
    }

    [Fact]
    public void Get_User_output_pipes_into_the_changing_cmdlets()
    {
        Shell.Run("Get-User -Search lovelace | Add-UserGroup -Group Contractors").ThrowIfFailed();
        Shell.Run("Get-User ada.lovelace@example.com | Set-UserAttribute -Department Piped").ThrowIfFailed();
        Shell.Run("Get-User ada.lovelace@example.com | Disable-User -Confirm:$false").ThrowIfFailed();
        var enabled = Shell.Run("Get-User ada.lovelace@example.com | Enable-User").ThrowIfFailed();

        Assert.Contains("Contractors", Sandbox.GroupsOf("ada.lovelace@example.com"));
        Assert.Contains("Piped", Sandbox.AttributesJson("ada.lovelace@example.com"));
        Assert.Equal(["ada.lovelace@example.com"], enabled.Targets());
        Assert.True(Sandbox.IsEnabled("ada.lovelace@example.com"));
    }

    [Fact]
    public void Get_Group_output_pipes_into_New_Group_and_Get_Group()
    {
        var again = Shell.Run("Get-Group Contractors | New-Group").ThrowIfFailed();
        var read = Shell.Run("Get-Group Contractors, Analytics | Get-Group").ThrowIfFailed();

        Assert.Equal(["Skipped"], again.Statuses());
        Assert.Equal(["Contractors", "Analytics"], read.Values("Name").Select(n => n?.ToString()));
    }
}
