using UserMgmt.Bulk;

namespace UserMgmt.Tests.Bulk;

public sealed class BulkRowValidatorTests
{
    private static readonly BulkUserTemplate Template = new()
    {
        Rows = [], Roles = new HashSet<string> { "Agent" }, Teams = new HashSet<string> { "Day" }, Locations = new HashSet<string>(),
    };

    private static BulkUserRow Row(string email, int row, string? file) => new() { Email = email, LastName = "A", SourceRow = row, SourceFile = file };

    [Fact]
    public void A_repeated_address_names_the_file_of_its_first_row_when_that_is_another_file()
    {
        var problems = BulkRowValidator.Validate(
            [Row("a@company.com", 1, "day.csv"), Row("b@company.com", 2, "day.csv"), Row("b@company.com", 3, "day.csv"), Row("A@company.com", 1, "night.csv")], Template);

        Assert.Equal(["Email 'b@company.com' repeats row 2.", "Email 'A@company.com' repeats row 1 of day.csv."], problems.Select(p => p.Message));
    }
}
