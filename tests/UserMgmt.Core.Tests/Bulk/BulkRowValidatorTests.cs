using UserMgmt.Bulk;

namespace UserMgmt.Tests.Bulk;

public sealed class BulkRowValidatorTests
{
    private static readonly BulkUserTemplate Template = new()
    {
        Rows = [], Roles = new HashSet<string> { "Agent" }, Teams = new HashSet<string> { "Day" }, Locations = new HashSet<string>(),
    };

    private static BulkUserRow Row(string email, int row, string? file) => new() { Email = email, FirstName = "A", LastName = "A", SourceRow = row, SourceFile = file };

    [Fact]
    public void A_repeated_address_names_the_file_of_its_first_row_when_that_is_another_file()
    {
        var problems = BulkRowValidator.Validate(
            [Row("a@company.com", 1, "day.csv"), Row("b@company.com", 2, "day.csv"), Row("b@company.com", 3, "day.csv"), Row("A@company.com", 1, "night.csv")], Template);

        Assert.Equal(["Email 'b@company.com' repeats row 2.", "Email 'A@company.com' repeats row 1 of day.csv."], problems.Select(p => p.Message));
    }

    /// <summary>ccai.md A8: a template of held roles and teams alone cannot show one nobody is in, so the platform judges the name.</summary>
    [Fact]
    public void Roles_and_teams_are_checked_only_against_a_template_that_lists_every_one()
    {
        var row = Row("a@company.com", 1, null) with { Roles = ["Lead"], Teams = ["Night"] };

        var listed = BulkRowValidator.Validate([row], Template);
        var heldOnly = BulkRowValidator.Validate([row], new BulkUserTemplate
        {
            Rows = [], Roles = Template.Roles, Teams = Template.Teams, Locations = Template.Locations, ListsEveryRoleAndTeam = false,
        });

        Assert.Equal(["Role 'Lead' does not exist.", "Team 'Night' does not exist."], listed.Select(p => p.Message));
        Assert.Empty(heldOnly);
    }

    /// <summary>ccai.md D8: the vendor's file table (Google, "Apps API bulk user management") requires first_name.</summary>
    [Fact]
    public void A_row_without_a_first_name_is_refused_before_upload()
    {
        var problems = BulkRowValidator.Validate([Row("a@company.com", 1, null) with { FirstName = " " }], Template);

        Assert.Equal([("first_name", "First name is required.")], problems.Select(p => (p.Column, p.Message)));
    }
}
