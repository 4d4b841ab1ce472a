using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>
/// A spreadsheet with a Title column filled for some people only: its empty cells say nothing about
/// those people's titles, so they must not wipe them, and certainly not without asking.
/// </summary>
public sealed class EmptyAttributeCellTests : ModuleTest
{
    [Fact]
    public void An_empty_cell_leaves_the_attribute_as_it_was()
    {
        const string email = "ada.lovelace@example.com";
        Shell.Run("Set-UserAttribute -User $email -Title 'Chief Analyst'", ("email", email)).ThrowIfFailed();
        var rows = CsvRows.From($"Email,Department,Title\n{email},Research,\n");

        var run = Shell.Run("$input | Set-UserAttribute", rows).ThrowIfFailed();

        Assert.Equal("Succeeded", Assert.Single(run.Statuses()));
        var attributes = Sandbox.AttributesJson(email) ?? "";
        Assert.Contains("Chief Analyst", attributes);
        Assert.Contains("Research", attributes);
    }

    [Fact]
    public void A_row_whose_only_cells_are_empty_fails_naming_no_attribute()
    {
        const string email = "ada.lovelace@example.com";
        var before = Sandbox.AttributesJson(email);
        var rows = CsvRows.From($"Email,Department,Title\n{email},,\n");

        var run = Shell.Run("$input | Set-UserAttribute", rows);

        Assert.Equal("Failed", Assert.Single(run.Statuses()));
        Assert.Same(rows[0], Assert.Single(run.Errors).TargetObject);
        Assert.Equal(before, Sandbox.AttributesJson(email));
    }
}
