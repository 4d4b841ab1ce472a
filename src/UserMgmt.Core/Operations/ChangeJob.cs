using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>One row of a job: one user's change, made of the steps of every input row it carries.</summary>
internal sealed class ChangeJobRow(PlannedStep step, UserChange change)
{
    public UserChange Change { get; private set; } = change;
    public List<PlannedStep> Steps { get; } = [step];

    /// <summary>
    /// Takes another change of the same user into this row when the two cannot contradict each other
    /// (different groups, attributes and account state; nobody created): otherwise the later change
    /// must wait for a later job, so that the platform applies them in the order given.
    /// </summary>
    public bool TryTake(PlannedStep step, UserChange change)
    {
        var mine = Change;
        if (mine.Existing is null || change.Existing is null) return false;
        if (mine.Enabled is not null && change.Enabled is not null) return false;
        if (mine.Attributes.Keys.Intersect(change.Attributes.Keys, StringComparer.OrdinalIgnoreCase).Any()) return false;
        if (Overlap(mine.Join, change.Leave) || Overlap(mine.Leave, change.Join)) return false;
        if (Overlap(mine.GrantRoles, change.RevokeRoles) || Overlap(mine.RevokeRoles, change.GrantRoles)) return false;

        Change = mine with
        {
            Join = Union(mine.Join, change.Join),
            Leave = Union(mine.Leave, change.Leave),
            GrantRoles = Union(mine.GrantRoles, change.GrantRoles),
            RevokeRoles = Union(mine.RevokeRoles, change.RevokeRoles),
            Attributes = mine.Attributes.Concat(change.Attributes)
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase),
            Enabled = mine.Enabled ?? change.Enabled,
        };
        Steps.Add(step);
        return true;
    }

    private static bool Overlap(IReadOnlyList<Group> a, IReadOnlyList<Group> b) =>
        a.Any(g => b.Any(h => string.Equals(g.Name, h.Name, StringComparison.OrdinalIgnoreCase)));

    private static bool Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Intersect(b, StringComparer.OrdinalIgnoreCase).Any();

    private static List<Group> Union(IReadOnlyList<Group> a, IReadOnlyList<Group> b) =>
        a.Concat(b).DistinctBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();

    private static List<string> Union(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Union(b, StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>The rows of one server-side job; an address appears in at most one of them.</summary>
internal sealed class ChangeJob
{
    public List<ChangeJobRow> Rows { get; } = [];

    public IReadOnlyList<PlannedStep> Steps => Rows.SelectMany(r => r.Steps).ToList();

    /// <summary>
    /// Packs user changes into as few jobs as the platform allows: full jobs of distinct users, a
    /// user's compatible changes in one row, and a user's conflicting change in a later job than the
    /// one before it, so jobs applied in order keep the input's order for each user.
    /// </summary>
    public static List<ChangeJob> Pack(IEnumerable<(PlannedStep Step, UserChange Change)> changes, int rowsPerJob)
    {
        var jobs = new List<ChangeJob>();
        // Each address's latest row, and the job that holds it.
        var latest = new Dictionary<string, (int Job, ChangeJobRow Row)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (step, change) in changes)
        {
            var known = latest.TryGetValue(change.Email, out var last);
            if (known && last.Row.TryTake(step, change)) continue;

            var index = known ? last.Job + 1 : 0;
            while (index < jobs.Count && jobs[index].Rows.Count >= rowsPerJob) index++;
            if (index == jobs.Count) jobs.Add(new ChangeJob());
            var row = new ChangeJobRow(step, change);
            jobs[index].Rows.Add(row);
            latest[change.Email] = (index, row);
        }
        return jobs;
    }
}
