using System.Text;
using UserMgmt.Plans;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>Plan files, good and bad: every bad one gives a clear error at the right line and column.</summary>
public sealed class PlanParserTests
{
    private static PlanProblem SingleProblem(string yaml)
    {
        var (plan, problems) = ReorgPlanParser.Parse(yaml, "plan.yaml");
        Assert.Null(plan);
        return Assert.Single(problems);
    }

    [Theory]
    [InlineData("split-analytics.yaml", 3, 0, 2)]
    [InlineData("offboarding.yaml", 1, 2, 0)]
    [InlineData("department-change.yaml", 1, 0, 3)]
    public void The_example_plans_read_without_problems(string file, int groups, int disabled, int attributes)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "examples", file);

        var (plan, problems) = ReorgPlanParser.ParseFile(path);

        Assert.Empty(problems);
        Assert.NotNull(plan);
        Assert.Equal((groups, disabled, attributes), (plan.Groups.Count, plan.Disable.Count, plan.Attributes.Count));
    }

    [Theory]
    [InlineData("docs/about_UserMgmt_ReorgPlans.md")]
    [InlineData("README.md")]
    public void The_plans_shown_in_the_documentation_read_without_problems(string topic)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, topic));
        var blocks = System.Text.RegularExpressions.Regex.Matches(text, "```yaml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.Empty(ReorgPlanParser.Parse(block.Groups[1].Value, topic).Problems));
    }

    [Fact]
    public void A_plan_reads_into_groups_selectors_attributes_and_disables_with_their_positions()
    {
        var (plan, problems) = ReorgPlanParser.Parse("""
            version: 1
            groups:
              - name: Team
                members: exact
                include:
                  - a@example.com
                  - { attribute: department, is: Sales }
                  - memberOf: Old Team
                  - emailLike: "*@sales.example.com"
              - name: Old Team
                absent: yes
            attributes:
              a@example.com: { title: [Lead, Coach] }
            disable: [b@example.com]
            """, "plan.yaml");

        Assert.Empty(problems);
        var team = plan!.Groups[0];
        Assert.Equal(MembershipMode.Exact, team.Mode);
        Assert.Equal(new SourcePosition("plan.yaml", 3, 5), team.At);
        Assert.Equal(
            [new EmailMember("a@example.com", new("plan.yaml", 6, 9)), new AttributeSelector("department", "Sales", new("plan.yaml", 7, 9)),
             new GroupSelector("Old Team", new("plan.yaml", 8, 9)), new EmailPatternSelector("*@sales.example.com", new("plan.yaml", 9, 9))],
            team.Include);
        Assert.True(plan.Groups[1].Absent);
        Assert.Equal(["Lead", "Coach"], plan.Attributes.Single().Values);
        Assert.Equal("b@example.com", plan.Disable.Single().User);
    }

    [Theory]
    // Each case: the file, the line and column of the problem, and words its message must contain.
    [InlineData("version: 1\ngroups:\n  - name: A\n   description: misaligned\n", 4, 4, "did not find expected")]
    [InlineData("version: 1\ngroups:\n\t- name: A\n", 3, 1, "tab is used for indentation")]
    [InlineData("version: 1\ngrups:\n  - name: A\n", 2, 1, "Did you mean 'groups'?")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    membrs: exact\n", 4, 5, "Did you mean 'members'?")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - { dept: Sales }\n", 5, 11, "Unknown selector 'dept'")]
    [InlineData("version: 1\ngroups: Analytics\n", 2, 9, "'groups' takes a list")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    members: some\n", 4, 14, "'exact' or 'additive'")]
    [InlineData("version: 1\ngroups:\n  - name: A\n  - name: a\n", 4, 5, "already declared at line 3")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    absent: true\n    include: [x@example.com]\n", 3, 5, "marked absent")]
    [InlineData("version: 1\ngroups:\n  - description: nameless\n", 3, 5, "no name")]
    [InlineData("version: 1\ndisable:\n  - not-an-address\n", 3, 5, "not a valid email address")]
    [InlineData("version: 2\n", 1, 10, "Version '2' is not supported")]
    [InlineData("groups: []\n", 1, 1, "no version")]
    [InlineData("version: 1\nversion: 1\n", 2, 1, "Duplicate key")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - { attribute: department }\n", 5, 9, "needs 'is'")]
    [InlineData("version: 1\nattributes:\n  a@example.com: Sales\n", 3, 18, "mapping of name to value")]
    [InlineData("- just\n- a list\n", 1, 1, "A plan is a mapping")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    absent: maybe\n", 4, 13, "true or false")]
    [InlineData("version: 1\ngroups: [ { name: A, include: [ a@example.com ]\n", 3, 1, "")]
    // Types: every field takes one kind of YAML value, and says so when given another.
    [InlineData("version: 1\nattributes:\n  a@example.com: { [x]: y }\n", 3, 20, "cannot be a key")]
    [InlineData("version: [1]\n", 1, 10, "'version' takes a single value")]
    [InlineData("version: 1\nattributes:\n  a@example.com: { \"\": x }\n", 3, 20, "has no name")]
    [InlineData("version: 1\nattributes:\n  a@example.com: { title: A, Title: B }\n", 3, 30, "already set at line 3")]
    [InlineData("version: 1\ngroups:\n  - name: ~\n", 3, 5, "no name")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    members: 1\n", 4, 14, "'exact' or 'additive'")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    members: exact, additive\n", 4, 14, "'exact' or 'additive'")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    absent: [true]\n", 4, 13, "'absent' takes a single value")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - { memberOf: B, emailLike: \"*@example.com\" }\n", 5, 9, "one way")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - { is: Sales }\n", 5, 9, "'is' goes with 'attribute'")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - memberOf: \"\"\n", 5, 19, "'memberOf' needs a value")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - { attribute: department, is: ~ }\n", 5, 38, "'is' needs the value")]
    [InlineData("version: 1\ngroups:\n  - name: A\n    include:\n      - emailLike: [\"*@example.com\"]\n", 5, 20, "'emailLike' takes a single value")]
    [InlineData("version: 1\ndisable: [a@example.com, A@Example.com]\n", 2, 26, "already listed")]
    public void A_malformed_plan_gives_one_clear_error_at_its_place(string yaml, int line, int column, string says)
    {
        var problem = SingleProblem(yaml);

        Assert.Equal((line, column), (problem.At.Line, problem.At.Column));
        Assert.Contains(says, problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"plan.yaml:{line}:{column}: ", problem.ToString());
    }

    [Fact]
    public void A_plan_with_thousands_of_mistakes_lists_the_first_hundred_and_says_more_follow()
    {
        var yaml = "version: 1\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"key{i}: x\n"));

        var (plan, problems) = ReorgPlanParser.Parse(yaml, "plan.yaml");

        Assert.Null(plan);
        Assert.Equal(PlanLimits.MaxProblems + 1, problems.Count);
        Assert.Contains("More problems follow", problems[^1].Message);
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var yaml = new StringBuilder("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++) yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");

        var problem = SingleProblem(yaml.ToString());

        Assert.Contains("more than 200,000 values", problem.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_parser_follows_it()
    {
        var problem = SingleProblem("version: 1\ngroups: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        Assert.Equal(2, problem.At.Line);
        Assert.Contains("Nested more than 32 levels", problem.Message);
    }

    [Fact]
    public void A_twenty_megabyte_file_is_refused_by_its_size()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var writer = new StreamWriter(path))
            {
                writer.WriteLine("version: 1");
                writer.WriteLine("disable:");
                var line = "  - someone@example.com\n";
                for (long written = 0; written < 20L * 1024 * 1024; written += line.Length) writer.Write(line);
            }

            var (plan, problems) = ReorgPlanParser.ParseFile(path);

            Assert.Null(plan);
            Assert.Contains("plans are limited to 4 MB", Assert.Single(problems).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
