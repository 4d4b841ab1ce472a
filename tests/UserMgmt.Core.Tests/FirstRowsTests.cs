using UserMgmt.Operations;

namespace UserMgmt.Tests;

public sealed class FirstRowsTests
{
    [Fact]
    public void A_key_in_any_case_is_a_repeat_of_the_row_it_first_came_in()
    {
        var rows = new FirstRows();

        Assert.False(rows.IsRepeat("ann@company.com", 3, out _));
        Assert.False(rows.IsRepeat("bo@company.com", 4, out _));
        Assert.True(rows.IsRepeat("ANN@Company.COM", 9, out var first));
        Assert.Equal(3, first);
        Assert.True(rows.IsRepeat("ann@company.com", 12, out first));
        Assert.Equal(3, first);
    }

    [Fact]
    public void A_hundred_thousand_distinct_keys_are_all_first()
    {
        var rows = new FirstRows();

        Assert.DoesNotContain(Enumerable.Range(1, 100_000), i => rows.IsRepeat($"user{i}@company.com", i, out _));
    }
}
