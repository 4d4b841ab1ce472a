using System.Text;
using BenchmarkDotNet.Attributes;
using UserMgmt.Model;
using UserMgmt.Plans;

namespace UserMgmt.Benchmarks;

/// <summary>
/// Planning a reorganisation of a 100,000-user, 1,000-group organisation against a pre-loaded
/// directory: selectors resolved, memberships compared, changes ordered. No network involved.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PlanningBenchmarks
{
    private const int Users = 100_000;
    private const int Groups = 1_000;

    private DirectorySnapshot _live = null!;
    private ReorgPlanDocument _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Every user is in one team and one of ten departments; the plan moves every tenth user to the next team.
        var users = Enumerable.Range(0, Users).Select(i => new User
        {
            Id = $"user-{i}",
            Email = $"user{i:D6}@example.com",
            Groups = [$"Team {i % Groups:D4}"],
            Attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["team"] = [$"Team {(i % 10 == 0 ? (i + 1) % Groups : i % Groups):D4}"] },
        }).ToList();
        var groups = Enumerable.Range(0, Groups).Select(g => new Group { Id = $"group-{g}", Name = $"Team {g:D4}" }).ToList();
        _live = DirectorySnapshot.From(users, groups);

        var yaml = new StringBuilder("version: 1\ngroups:\n");
        for (var g = 0; g < Groups; g++)
            yaml.Append($"  - name: Team {g:D4}\n    members: exact\n    include:\n      - {{ attribute: team, is: Team {g:D4} }}\n");
        var (document, problems) = ReorgPlanParser.Parse(yaml.ToString(), "benchmark.yaml");
        if (document is null) throw new InvalidOperationException(string.Join("\n", problems));
        _plan = document;
    }

    [Benchmark]
    public int PlanAgainstPreloadedState()
    {
        var (plan, problems) = ReorgPlanner.Plan(_plan, _live);
        return plan?.Changes.Count ?? -problems.Count;
    }
}
