using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;

namespace UserMgmt.Tests;

/// <summary>How a command's user changes are packed into jobs: few jobs, one row per address, each user's order kept.</summary>
public sealed class ChangeJobPackingTests
{
    private static readonly Group Sales = new() { Id = "g1", Name = "Sales" };
    private static readonly Group Support = new() { Id = "g2", Name = "Support" };

    private static User Person(string name) => new() { Id = "id-" + name, Email = $"{name}@company.com", LastName = "Lee" };

    private static int _row;

    private static PlannedStep Join(string name, Group group) =>
        new MembershipStep(new MembershipRequest(++_row, null, name, [group.Name]), Person(name), [group], add: true, OperationNames.AddToGroup);

    private static PlannedStep Leave(string name, Group group) =>
        new MembershipStep(new MembershipRequest(++_row, null, name, [group.Name]), Person(name), [group], add: false, OperationNames.RemoveFromGroup);

    private static PlannedStep Set(string name, string attribute, string value)
    {
        var changes = new Dictionary<string, IReadOnlyList<string>> { [attribute] = [value] };
        return new AttributeStep(new AttributeRequest(++_row, null, name, changes), Person(name), changes);
    }

    private static PlannedStep Disable(string name) => new UserStateStep(new UserStateRequest(++_row, null, name), Person(name), enable: false);

    private static PlannedStep Invite(string name) =>
        new InviteStep(new InvitationRequest(++_row, null, $"{name}@company.com", [], false) { LastName = "Lee" }, $"{name}@company.com", []);

    private static List<ChangeJob> Pack(int rowsPerJob, params PlannedStep[] steps) =>
        ChangeJob.Pack(steps.Select(s => (s, s.AsUserChange()!)), rowsPerJob);

    /// <summary>Each job as its rows' addresses, a row's steps joined by '+'.</summary>
    private static string[][] Shape(List<ChangeJob> jobs) =>
        jobs.Select(j => j.Rows.Select(r => string.Join("+", r.Steps.Select(s => s.Target.Split('@')[0]))).ToArray()).ToArray();

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(500, 500, 1)]
    [InlineData(1000, 500, 2)]
    [InlineData(1001, 500, 3)]
    [InlineData(7, 3, 3)]
    public void Distinct_users_fill_each_job_before_the_next(int users, int rowsPerJob, int jobs)
    {
        var packed = Pack(rowsPerJob, Enumerable.Range(1, users).Select(n => Join($"u{n}", Sales)).ToArray());

        Assert.Equal(jobs, packed.Count);
        Assert.All(packed.SkipLast(1), j => Assert.Equal(rowsPerJob, j.Rows.Count));
        Assert.Equal(Enumerable.Range(1, users).Select(n => $"u{n}@company.com"), packed.SelectMany(j => j.Rows).Select(r => r.Change.Email));
    }

    [Fact]
    public void A_users_changes_that_cannot_contradict_share_one_row()
    {
        var packed = Pack(10, Join("ann", Sales), Join("ann", Support), Set("ann", "location", "Berlin"), Disable("ann"), Set("ann", "agentNumber", "7"));

        var row = Assert.Single(Assert.Single(packed).Rows);
        Assert.Equal(5, row.Steps.Count);
        Assert.Equal(["Sales", "Support"], row.Change.Join.Select(g => g.Name));
        Assert.Equal(["location", "agentNumber"], row.Change.Attributes.Keys);
        Assert.False(row.Change.Enabled);
    }

    [Fact]
    public void Leaving_one_group_and_joining_another_is_one_row()
    {
        var row = Assert.Single(Assert.Single(Pack(10, Join("ann", Support), Leave("ann", Sales))).Rows);

        Assert.Equal(["Support"], row.Change.Join.Select(g => g.Name));
        Assert.Equal(["Sales"], row.Change.Leave.Select(g => g.Name));
    }

    [Fact]
    public void A_contradicting_change_waits_for_the_next_job_and_others_fill_the_gaps()
    {
        var packed = Pack(2, Set("ann", "location", "Berlin"), Join("bo", Sales), Set("ann", "location", "Remote"), Join("cy", Sales),
            Join("ann", Sales), Leave("ann", Sales), Join("di", Sales));

        Assert.Equal([["ann", "bo"], ["ann+ann", "cy"], ["ann", "di"]], Shape(packed));
        Assert.Equal(["Berlin", "Remote", null], packed.Select(j => j.Rows[0].Change.Attributes.GetValueOrDefault("location")?.Single()));
    }

    [Theory]
    [InlineData("disable twice")]
    [InlineData("same attribute, other case")]
    [InlineData("join then leave")]
    [InlineData("leave then join")]
    [InlineData("invitation")]
    public void Changes_that_could_contradict_never_share_a_row(string pair)
    {
        PlannedStep[] steps = pair switch
        {
            "disable twice" => [Disable("ann"), Disable("ann")],
            "same attribute, other case" => [Set("ann", "location", "Berlin"), Set("ann", "LOCATION", "Remote")],
            "join then leave" => [Join("ann", Sales), Leave("ann", Sales)],
            "leave then join" => [Leave("ann", Sales), Join("ann", Sales)],
            _ => [Invite("ann"), Join("ann", Sales)],
        };

        Assert.Equal([["ann"], ["ann"]], Shape(Pack(10, steps)));
    }

    [Fact]
    public void Every_step_lands_in_exactly_one_row_and_no_job_names_an_address_twice()
    {
        var random = new Random(11);
        var steps = Enumerable.Range(0, 2000).Select(_ =>
        {
            var name = $"u{random.Next(300)}";
            return random.Next(4) switch
            {
                0 => Join(name, random.Next(2) == 0 ? Sales : Support),
                1 => Leave(name, random.Next(2) == 0 ? Sales : Support),
                2 => Set(name, "location", random.Next(3).ToString()),
                _ => Disable(name),
            };
        }).ToArray();

        var packed = Pack(100, steps);

        Assert.Equal(steps.OrderBy(s => s.Row), packed.SelectMany(j => j.Steps).OrderBy(s => s.Row));
        Assert.All(packed, j => Assert.Equal(j.Rows.Count, j.Rows.Select(r => r.Change.Email).Distinct().Count()));
        Assert.All(packed, j => Assert.InRange(j.Rows.Count, 1, 100));
        // A user's steps appear job after job in the order they came.
        foreach (var user in steps.GroupBy(s => s.Target))
        {
            var order = packed.SelectMany((j, index) => j.Steps.Where(s => s.Target == user.Key).Select(s => (index, s.Row))).OrderBy(p => p.Row).ToList();
            Assert.Equal(order.Select(p => p.index).Order(), order.Select(p => p.index));
        }
    }
}
