using UserMgmt.Operations;

namespace UserMgmt.Tests;

public sealed class InputTextTests
{
    [Fact]
    public void Semicolon_separated_cells_become_distinct_trimmed_entries()
    {
        Assert.Equal(["Contractors", "Read-Only-Access", "Extra"],
            InputText.SplitList(["Contractors; Read-Only-Access;", " contractors ", null, "Extra"]));
    }

    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData("first.last+tag@sub.example.com", true)]
    [InlineData("no-at-sign", false)]
    [InlineData("two@@example.com", false)]
    [InlineData("a@localhost", false)]
    [InlineData("Ann <ann@example.com>", false)]
    [InlineData(" padded@example.com", false)]
    [InlineData("a@b.", false)]
    public void Email_addresses_must_be_bare_and_fully_qualified(string text, bool valid) =>
        Assert.Equal(valid, InputText.IsValidEmail(text));
}
