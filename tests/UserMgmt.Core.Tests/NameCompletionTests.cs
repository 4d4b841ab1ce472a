using UserMgmt.Operations;

namespace UserMgmt.Tests;

public sealed class NameCompletionTests
{
    [Fact]
    public void Names_starting_with_the_typed_word_complete_in_order_and_are_quoted_when_needed()
    {
        string[] groups = ["Read-Only-Access", "Customer Analytics", "Contractors", "contractors", "O'Brien's Team", "Analytics"];

        Assert.Equal(["Contractors", "'Customer Analytics'"], NameCompletion.Complete(groups, "c"));
        Assert.Equal(["'Customer Analytics'"], NameCompletion.Complete(groups, "'Cust"));
        Assert.Equal(["'O''Brien''s Team'"], NameCompletion.Complete(groups, "O"));
        Assert.Equal(6 - 1, NameCompletion.Complete(groups, "").Count);
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    [InlineData("", null)]
    [InlineData("maybe", null)]
    public void Spreadsheet_flags_read_as_booleans(string text, bool? expected) => Assert.Equal(expected, InputText.ParseFlag(text));
}
