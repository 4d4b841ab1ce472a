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

    public static TheoryData<string, bool> EdgeCases => new()
    {
        { "o'brien@example.ie", true },
        { "jos\u00e9@ex\u00e4mple.de", true },
        { "\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a", true },
        { "x@xn--bcher-kva.example", true },
        { new string('a', 64) + "@example.com", true },
        { "ed@exa\u200bmple.com", false },            // zero-width space in the domain
        { "ed\u200b@example.com", false },            // and in the local part
        { "ed@example.com\u200e", false },            // a direction mark after it
        { "a\u00a0b@example.com", false },            // no-break space
        { "a@[10.0.0.1]", false },                     // IP literal
        { "a@10.0.0.1", false },                       // a bare IP is no host name
        { "\"a b\"@example.com", false },              // quoted local part with a space
        { "\"ab\"@example.com", false },
        { "a b@example.com", false },
        { ".a@example.com", false },
        { "a.@example.com", false },
        { "a..b@example.com", false },
        { "a@-example.com", false },
        { "a@example-.com", false },
        { "a@example..com", false },
        { "a@exam_ple.com", false },
        { "a@b@example.com", false },
        { "a@example.com\n", false },
        { "a@\u4f8b\u5b50", false },                  // one label only
        { new string('a', 65) + "@example.com", false }, // local part over 64
        { "a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".com", false }, // over 254 in all
        { "a@" + new string('b', 64) + ".com", false },  // a label over 63
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Addresses_are_plain_visible_and_name_a_host(string text, bool valid) =>
        Assert.Equal(valid, InputText.IsValidEmail(text));
}
