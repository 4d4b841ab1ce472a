using System.Diagnostics;
using System.Text.Json;
using UserMgmt.Sandbox.Scim;

namespace UserMgmt.Tests.Scim;

/// <summary>The sandbox's SCIM filter parser: the grammar it serves, and hostile filters refused quickly, never crashing.</summary>
public sealed class ScimFilterParserTests
{
    [Theory]
    [InlineData("userName eq \"ada@example.com\"", "userName eq ada@example.com")]
    [InlineData("USERNAME EQ \"a\"", "USERNAME eq a")]
    [InlineData("emails.value co \"example\"", "emails.value co example")]
    [InlineData("name.familyName sw \"Lo\"", "name.familyName sw Lo")]
    [InlineData("title pr", "title pr")]
    [InlineData("active eq true", "active eq True")]
    [InlineData("a eq \"1\" or b eq \"2\" and c eq \"3\"", "(a eq 1 or (b eq 2 and c eq 3))")]
    [InlineData("(a eq \"1\" or b eq \"2\") and c eq \"3\"", "((a eq 1 or b eq 2) and c eq 3)")]
    [InlineData("((((a pr))))", "a pr")]
    [InlineData("a eq \"say \\\"hi\\\" \\\\ \\u0041\"", "a eq say \"hi\" \\ A")]
    [InlineData("a eq \"or and ( ) [ ]\"", "a eq or and ( ) [ ]")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName eq x")]
    [InlineData("a eq \"1\" or(b pr)", "(a eq 1 or b pr)")]
    public void Parses_what_the_service_serves(string filter, string expected) =>
        Assert.Equal(expected, Show(ScimFilterParser.Parse(filter)));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("userName eq \"unclosed", "not closed")]
    [InlineData("(userName eq \"a\"", "')' is missing")]
    [InlineData("userName eq \"a\")", "Unexpected")]
    [InlineData(")", "Unbalanced")]
    [InlineData("userName ne \"a\"", "'ne' is not supported")]
    [InlineData("userName gt \"a\"", "'gt' is not supported")]
    [InlineData("userName like \"a\"", "'like' is not a filter operator")]
    [InlineData("not (userName eq \"a\")", "'not' is not supported")]
    [InlineData("emails[type eq \"work\"]", "Value paths")]
    [InlineData("userName eq a", "not a value")]
    [InlineData("userName eq", "value was expected")]
    [InlineData("userName", "operator was expected")]
    [InlineData("userName eq \"a\" and", "expression was expected")]
    [InlineData("userName eq \"a\" xor b pr", "Unexpected")]
    [InlineData("userName eq \"\\x\"", "not a valid value")]
    [InlineData("1abc pr", "not an attribute path")]
    [InlineData("userName\teq \"a\"", "operator was expected")]
    public void Refuses_what_it_cannot_take_naming_the_reason(string filter, string reason) =>
        Assert.Contains(reason, Assert.Throws<ScimFilterException>(() => ScimFilterParser.Parse(filter)).Message);

    public static TheoryData<string> Hostile()
    {
        var data = new TheoryData<string>
        {
            new string('(', 100_000),
            new string(')', 100_000),
            new string('(', 40) + "a pr" + new string(')', 40),
            string.Concat(Enumerable.Repeat("a pr or ", 1000)) + "a pr",
            "a eq \"" + new string('x', 10_000) + "\"",
            new string('"', 5001),
            "a eq \"\\",
            "a eq \"\\u12\"",
            "a eq \"\0\"",
            "\0",
            "a eq 1e999999",
            "a eq " + new string('9', 5000),
            "a eq \"x\" " + new string(' ', 4000) + "or",
            "a eq \"\uD800\"",
        };
        // Random mixes of the grammar's own pieces: whatever they make, the answer is a parse or a refusal.
        var random = new Random(7643);
        string[] pieces = ["(", ")", "\"", "\\", " ", "a", "eq", "co", "sw", "pr", "and", "or", "not", "[", "]", "\"x\"", "true", "1", ".", ":", "ne", "\u00e9"];
        for (var i = 0; i < 200; i++)
            data.Add(string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)] + (random.Next(3) == 0 ? " " : ""))));
        return data;
    }

    [Theory, MemberData(nameof(Hostile))]
    public void A_hostile_filter_is_parsed_or_refused_quickly_and_never_crashes(string filter)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            ScimFilterParser.Parse(filter);
        }
        catch (ScimFilterException)
        {
        }
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Bounds_on_length_nesting_and_terms_are_named()
    {
        Assert.Contains("longer than", Assert.Throws<ScimFilterException>(() => ScimFilterParser.Parse(new string('a', ScimFilterParser.MaxLength + 1))).Message);
        Assert.Contains("deeper than", Assert.Throws<ScimFilterException>(() =>
            ScimFilterParser.Parse(new string('(', ScimFilterParser.MaxDepth + 1) + "a pr" + new string(')', ScimFilterParser.MaxDepth + 1))).Message);
        Assert.Contains("more than", Assert.Throws<ScimFilterException>(() =>
            ScimFilterParser.Parse(string.Join(" or ", Enumerable.Repeat("a pr", ScimFilterParser.MaxTerms + 1)))).Message);
        ScimFilterParser.Parse(new string('(', ScimFilterParser.MaxDepth) + "a pr" + new string(')', ScimFilterParser.MaxDepth));
    }

    [Fact]
    public void Translated_to_SQL_values_stay_parameters_and_unknown_attributes_are_invalid_filters()
    {
        var (sql, args) = ScimFilterSql.Translate("userName eq \"x'); DROP TABLE users; --\" and active eq false", ScimFilterSql.UserColumns, ScimSchemas.User);

        Assert.DoesNotContain("DROP", sql);
        Assert.Equal(["x'); DROP TABLE users; --", false], args.Select(a => a.Item2));
        Assert.Equal("invalidFilter", Assert.Throws<ScimError>(() => ScimFilterSql.Translate("password pr", ScimFilterSql.UserColumns, ScimSchemas.User)).ScimType);
        Assert.Equal("invalidFilter", Assert.Throws<ScimError>(() => ScimFilterSql.Translate("active co \"t\"", ScimFilterSql.UserColumns, ScimSchemas.User)).ScimType);
        Assert.Equal("invalidFilter", Assert.Throws<ScimError>(() => ScimFilterSql.Translate("userName eq 5", ScimFilterSql.UserColumns, ScimSchemas.User)).ScimType);
    }

    private static string Show(ScimFilterNode node) => node switch
    {
        ScimLogical l => $"({Show(l.Left)} {l.Operator} {Show(l.Right)})",
        ScimPresent p => $"{p.Attribute} pr",
        ScimComparison c => $"{c.Attribute} {c.Operator} {(c.Value.ValueKind == JsonValueKind.String ? c.Value.GetString() : c.Value.ValueKind.ToString())}",
        _ => "?",
    };
}
