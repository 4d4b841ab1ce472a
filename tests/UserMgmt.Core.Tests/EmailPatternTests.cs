using UserMgmt.Model;
using UserMgmt.Plans;

namespace UserMgmt.Tests;

/// <summary>emailLike patterns: * and ? as users expect, and no pattern that takes long to match.</summary>
public sealed class EmailPatternTests
{
    // Not a measure of speed: only a net under a matcher that would otherwise never finish.
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("*@example.com", "Ann@EXAMPLE.com", true)]
    [InlineData("ada.*@example.com", "ada.lovelace@example.com", true)]
    [InlineData("ada.*@example.com", "adaXlovelace@example.com", false)]
    [InlineData("a.c", "abc", false)]
    [InlineData("[a]+", "[a]+", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("?", "", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("*", "", true)]
    [InlineData("**a**", "a", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*b", "ab", true)]
    [InlineData("a*b", "axxbx", false)]
    [InlineData("*aab", "aaab", true)]
    [InlineData("*ab*ab*", "aabab", true)]
    [InlineData("*ab*ab*", "abba", false)]
    [InlineData("*?*?*", "a", false)]
    [InlineData("*?*?*", "ab", true)]
    [InlineData("*a?c*", "xxabxabcxx", true)]
    public void A_pattern_matches_as_star_and_question_mark_say(string pattern, string text, bool matches) =>
        Assert.Equal(matches, new WildcardMatcher(pattern).IsMatch(text));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Many_stars_against_a_long_text_settle_without_backtracking(bool endsInB)
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 40)) + "*b";
        var text = new string('a', 100_000) + (endsInB ? "b" : "");

        var matches = await Task.Run(() => new WildcardMatcher(pattern).IsMatch(text)).WaitAsync(SafetyNet);

        Assert.Equal(endsInB, matches);
    }

    [Fact]
    public async Task A_plan_whose_pattern_would_make_a_regular_expression_backtrack_is_planned_all_the_same()
    {
        // Addresses of a's with no b in them: a backtracking matcher tries every way of spreading the a's over the stars.
        var users = Enumerable.Range(0, 50).Select(i => new User { Id = $"u{i}", Email = $"{new string('a', 60)}{i}@example.com" }).ToList();
        users.Add(new User { Id = "b", Email = "aaaaaaaaaaaab@example.com" });
        var (document, problems) = ReorgPlanParser.Parse("""
            version: 1
            groups:
              - name: Bs
                include:
                  - emailLike: "*a*a*a*a*a*a*a*a*a*a*a*a*b*"
            """, "plan.yaml");
        Assert.Empty(problems);

        var (plan, _) = await Task.Run(() => ReorgPlanner.Plan(document!, DirectorySnapshot.From(users, []))).WaitAsync(SafetyNet);

        Assert.Equal(["+ create   Bs", "+ add      aaaaaaaaaaaab@example.com → Bs"], plan!.Changes.Select(c => c.Line));
    }
}
