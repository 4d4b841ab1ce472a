using System.Text;
using UserMgmt.Plans;
using UserMgmt.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// Hostile plan files are read in this process, as a cmdlet reads them in PowerShell's: a stack overflow
/// would end the test run, so it must not be possible. Each file ends in a problem at its place.
/// </summary>
public sealed class HostilePlanFileTests
{
    // Not a measure of speed: only a net under a reader that would otherwise never finish.
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases => HostilePlanFiles.All();

    private static Task<(ReorgPlanDocument? Plan, IReadOnlyList<PlanProblem> Problems)> ParseFileAsync(string path) =>
        Task.Run(() => ReorgPlanParser.ParseFile(path)).WaitAsync(SafetyNet);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_plan_file_ends_in_a_clear_problem_at_its_place(string name)
    {
        var hostile = HostilePlanFiles.Make(name);
        using var file = new TempFile(hostile.Bytes);

        var (plan, problems) = await ParseFileAsync(file.Path);

        Assert.Null(plan);
        Assert.NotEmpty(problems);
        var problem = problems[0];
        Assert.Equal((hostile.Line, hostile.Column), (problem.At.Line, problem.At.Column));
        Assert.Contains(hostile.Says, problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.All(problems, p => Assert.Equal(file.Path, p.At.File));
        // A message quotes what it found, never megabytes of it.
        Assert.All(problems, p => Assert.True(p.Message.Length < 300, p.Message[..Math.Min(300, p.Message.Length)]));
    }

    [Fact]
    public async Task A_folder_given_as_the_plan_file_is_a_problem_not_an_exception()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var (plan, problems) = await ParseFileAsync(folder);

            Assert.Null(plan);
            Assert.Contains("is a folder", Assert.Single(problems).Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task A_missing_plan_file_is_a_problem_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");

        var (_, problems) = await ParseFileAsync(missing);

        var problem = Assert.Single(problems);
        Assert.Equal(new SourcePosition(missing, 1, 1), problem.At);
        Assert.Contains("does not exist", problem.Message);
    }

    [Fact]
    public async Task An_endless_file_is_refused_at_the_size_limit_without_reading_it_all()
    {
        // A device reports no length, so only a reader that stops at the limit gets past it.
        if (!File.Exists("/dev/zero")) return;

        var (plan, problems) = await ParseFileAsync("/dev/zero");

        Assert.Null(plan);
        Assert.Contains("plans are limited to 4 MB", Assert.Single(problems).Message);
    }

    [Fact]
    public async Task A_plan_saved_as_UTF16_or_UTF32_with_a_byte_order_mark_reads_like_UTF8()
    {
        const string yaml = "version: 1\r\ngroups:\r\n  - name: Équipe\r\n    include: [ann@example.com]\r\n";
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(true, true) })
        {
            using var file = new TempFile([.. encoding.GetPreamble(), .. encoding.GetBytes(yaml)]);

            var (plan, problems) = await ParseFileAsync(file.Path);

            Assert.Empty(problems);
            Assert.Equal("Équipe", plan!.Groups.Single().Name);
            Assert.Equal(new SourcePosition(file.Path, 3, 5), plan.Groups.Single().At);
        }
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read_and_one_level_more_is_refused()
    {
        string Nested(int levels) => "version: 1\ngroups:\n  - name: A\n    include:\n      - " +
            new string('[', levels - 4) + "a@example.com" + new string(']', levels - 4) + "\n";

        var (_, atLimit) = ReorgPlanParser.Parse(Nested(PlanLimits.MaxNesting), "plan.yaml");
        var (_, over) = ReorgPlanParser.Parse(Nested(PlanLimits.MaxNesting + 1), "plan.yaml");

        Assert.DoesNotContain(atLimit, p => p.Message.Contains("Nested"));
        Assert.Contains("Nested more than", Assert.Single(over).Message);
    }

    /// <summary>
    /// The bound on nesting is kept while YamlDotNet's parser turns text into events, so the parser itself
    /// must not recurse as it goes deeper. On a thread with a small stack, thousands of levels of every
    /// syntax would overflow it if it did.
    /// </summary>
    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("{a: [", "]}")]
    [InlineData("!t &a [", "]")]
    [InlineData("- ", "")]
    [InlineData("? ", "")]
    public async Task The_YAML_event_parser_goes_thousands_of_levels_deep_on_a_small_stack(string open, string close)
    {
        const int levels = 5_000;
        var text = string.Concat(Enumerable.Repeat(open, levels)) + "x" + string.Concat(Enumerable.Repeat(close, levels));
        var deepest = 0;
        var reader = new Thread(() =>
        {
            var parser = new Parser(new StringReader(text));
            for (var depth = 0; parser.MoveNext();)
                if (parser.Current is MappingStart or SequenceStart) deepest = Math.Max(deepest, ++depth);
                else if (parser.Current is MappingEnd or SequenceEnd) depth--;
        }, maxStackSize: 256 * 1024);

        reader.Start();
        await Task.Run(reader.Join).WaitAsync(SafetyNet);

        Assert.True(deepest >= levels, $"{deepest} levels");
    }

    [Fact]
    public async Task Thousands_of_mutated_example_plans_each_end_in_a_plan_or_problems_with_places()
    {
        // Deterministic: the same mutants every run, so a failure can be reproduced.
        var random = new Random(20261123);
        var examples = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "examples"), "*.yaml").Select(File.ReadAllBytes).ToList();
        byte[] alphabet = [.. "[]{}:-?&*!|>'\"#,%@`~ \t\r\n\0xa1"u8, 0xC3, 0xA9, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF];

        await Task.Run(() =>
        {
            for (var i = 0; i < 3_000; i++)
            {
                var bytes = examples[random.Next(examples.Count)].ToList();
                for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
                {
                    var at = random.Next(bytes.Count);
                    switch (random.Next(3))
                    {
                        case 0: bytes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                        case 1: bytes.RemoveAt(at); break;
                        default: bytes[at] = alphabet[random.Next(alphabet.Length)]; break;
                    }
                }
                using var file = new TempFile([.. bytes]);

                var (plan, problems) = ReorgPlanParser.ParseFile(file.Path);

                Assert.True((plan is not null) != (problems.Count > 0), $"mutant {i}: a plan and problems, or neither");
                Assert.All(problems, p => Assert.True(p.At.Line >= 1 && p.At.Column >= 1 && p.At.File == file.Path, $"mutant {i}: {p}"));
            }
        }).WaitAsync(SafetyNet * 2);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.yaml");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
