using System.Text.Json.Nodes;
using UserMgmt.Model;
using UserMgmt.Plans;

namespace UserMgmt.Tests;

/// <summary>
/// A saved plan is input like any other: it may have been edited since it was saved. Every field is checked,
/// and nothing in it decides where files are written.
/// </summary>
public sealed class SavedPlanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("saved-plans-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Five changes, one of each kind but removal: create Team, add ann to it, set ann's title, disable bo, delete Old.
    private static ReorgPlan Computed(string file)
    {
        var (document, problems) = ReorgPlanParser.Parse("""
            version: 1
            groups:
              - name: Team
                include: [ann@example.com]
              - name: Old
                absent: true
            attributes:
              ann@example.com: { title: Lead }
            disable: [bo@example.com]
            """, file);
        Assert.Empty(problems);
        var live = DirectorySnapshot.From(
            [new User { Id = "u1", Email = "ann@example.com" }, new User { Id = "u2", Email = "bo@example.com" }],
            [new Group { Id = "g1", Name = "Old" }]);
        return ReorgPlanner.Plan(document!, live).Plan!;
    }

    private string Saved(Action<JsonObject>? edit = null)
    {
        var path = Path.Combine(_folder, "plan.json");
        Computed(Path.Combine(_folder, "plan.yaml")).Save(path);
        if (edit is null) return path;
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static JsonObject Change(JsonObject plan, int index) => plan["changes"]![index]!.AsObject();

    private static readonly Dictionary<string, (Action<JsonObject> Edit, string Field)> Edits = new()
    {
        ["a kind that is a number"] = (p => Change(p, 0)["kind"] = 42, "changes[0].kind"),
        ["a kind that is a number in quotes"] = (p => Change(p, 0)["kind"] = "42", "changes[0].kind"),
        ["a kind that lists two kinds"] = (p => Change(p, 0)["kind"] = "RemoveMember, AddMember", "changes[0].kind"),
        ["a kind that does not exist"] = (p => Change(p, 0)["kind"] = "DropDatabase", "changes[0].kind"),
        ["a target that is a number"] = (p => Change(p, 1)["target"] = 7, "changes[1].target"),
        ["a target that is null"] = (p => Change(p, 1)["target"] = null, "changes[1].target"),
        ["a target with no fingerprint"] = (p => Change(p, 1)["target"] = "zed@example.com", "changes[1].target"),
        ["a membership without its group"] = (p => Change(p, 1).Remove("group"), "changes[1].group"),
        ["a membership in a group with no fingerprint"] = (p => Change(p, 1)["group"] = "Admins", "changes[1].group"),
        ["an order out of sequence"] = (p => Change(p, 2)["order"] = 9, "changes[2].order"),
        ["an order in quotes"] = (p => Change(p, 2)["order"] = "3", "changes[2].order"),
        ["an attribute value that is null"] = (p => Change(p, 2)["values"] = new JsonArray((JsonNode?)null), "changes[2].values[0]"),
        ["attribute values that are null"] = (p => Change(p, 2)["values"] = null, "changes[2].values"),
        ["an attribute without a name"] = (p => Change(p, 2)["attribute"] = " ", "changes[2].attribute"),
        ["a change that is null"] = (p => p["changes"]![0] = null, "changes[0]"),
        ["changes that are null"] = (p => p["changes"] = null, "changes"),
        ["no changes at all"] = (p => p.Remove("changes"), "changes"),
        ["a field the plan does not have"] = (p => p["journalPath"] = "/etc/cron.d/job", "journalPath"),
        ["a user fingerprint that is null"] = (p => p["users"]!["ann@example.com"] = null, "users['ann@example.com']"),
        ["a user fingerprint of another shape"] = (p => p["users"]!["ann@example.com"] = "trust me", "users['ann@example.com']"),
        ["groups that are text"] = (p => p["groups"] = "Team", "groups"),
        ["a source file with a terminal escape"] = (p => p["sourceFile"] = "\u001b[2Jplan.yaml", "sourceFile"),
        ["a date that is not one"] = (p => p["computedAt"] = "yesterday", "computedAt"),
    };

    public static TheoryData<string> EditNames => new(Edits.Keys);

    [Theory]
    [MemberData(nameof(EditNames))]
    public void An_edited_saved_plan_is_refused_naming_the_file_and_the_field(string edit)
    {
        var path = Saved(Edits[edit].Edit);

        var error = Assert.Throws<InvalidDataException>(() => ReorgPlan.Load(path));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains($" {Edits[edit].Field}:", error.Message);
    }

    [Fact]
    public void A_saved_plan_reads_back_as_it_was_saved()
    {
        var plan = ReorgPlan.Load(Saved());

        Assert.Equal(
            ["+ create   Team", "+ add      ann@example.com → Team", "~ set      ann@example.com: title = 'Lead'", "- disable  bo@example.com", "- delete   Old"],
            plan.Changes.Select(c => c.Line));
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_refused_at_its_line_and_column()
    {
        var path = Path.Combine(_folder, "plan.json");
        File.WriteAllText(path, "{\n  \"sourceFile\": \"plan.yaml\",\n  oops\n}");

        var error = Assert.Throws<InvalidDataException>(() => ReorgPlan.Load(path));

        Assert.StartsWith(path + ":3:3:", error.Message);
    }

    [Fact]
    public void A_saved_plan_keeps_its_journal_beside_the_file_the_user_named_not_where_the_plan_says()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "somewhere-else", "victim.conf");
        var path = Saved(p => p["sourceFile"] = elsewhere);

        var plan = ReorgPlan.Load(path);

        Assert.Equal(elsewhere, plan.SourceFile);
        Assert.Equal(path + ".journal.jsonl", PlanJournal.DefaultPathFor(plan));
    }

    [Fact]
    public void A_plan_computed_from_a_file_keeps_its_journal_beside_that_file()
    {
        var file = Path.Combine(_folder, "plan.yaml");

        Assert.Equal(file + ".journal.jsonl", PlanJournal.DefaultPathFor(Computed(file)));
    }

    [Fact]
    public void A_saved_plan_nested_a_hundred_thousand_deep_is_refused_at_the_first_level_too_many()
    {
        var path = Path.Combine(_folder, "plan.json");
        File.WriteAllText(path, "{\"changes\": " + new string('[', 100_000) + new string(']', 100_000) + "}");

        var error = Assert.Throws<InvalidDataException>(() => ReorgPlan.Load(path));

        Assert.StartsWith($"{path}:1:", error.Message);
        Assert.Contains(" changes[0]: expected a change.", error.Message);
    }

    [Fact]
    public void An_endless_file_given_as_a_saved_plan_is_refused_at_the_size_limit()
    {
        // A device reports no length, so only a reader that stops at the limit gets past it.
        if (!File.Exists("/dev/zero")) return;

        Assert.Contains("saved plans are limited to 64 MB", Assert.Throws<InvalidDataException>(() => ReorgPlan.Load("/dev/zero")).Message);
    }

    [Fact]
    public void A_folder_or_a_missing_file_given_as_a_saved_plan_is_refused_by_name()
    {
        var missing = Path.Combine(_folder, "missing.json");

        Assert.Contains("is a folder", Assert.Throws<InvalidDataException>(() => ReorgPlan.Load(_folder)).Message);
        Assert.StartsWith($"{missing}:1:1: The file does not exist", Assert.Throws<InvalidDataException>(() => ReorgPlan.Load(missing)).Message);
    }
}
