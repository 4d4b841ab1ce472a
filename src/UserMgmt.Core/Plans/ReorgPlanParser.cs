using System.Text;
using UserMgmt.Operations;

namespace UserMgmt.Plans;

/// <summary>
/// Reads a plan file into a <see cref="ReorgPlanDocument"/>, or into problems that each name the file,
/// line and column. Every field is checked for its type as well as its value; unknown keys are errors with a
/// suggestion; size, nesting and alias expansion are bounded before the YAML is turned into anything.
/// </summary>
public sealed class ReorgPlanParser
{
    public const int SupportedVersion = 1;

    private static readonly string[] RootKeys = ["version", "groups", "roles", "attributes", "disable"];
    private static readonly string[] GroupKeys = ["name", "description", "members", "include", "absent"];
    private static readonly string[] RoleKeys = ["name", "members", "include"];
    private static readonly string[] SelectorKeys = ["attribute", "is", "memberOf", "emailLike"];
    private static readonly string[] SelectorKinds = ["attribute", "memberOf", "emailLike"];
    private const int MaxEmailLength = 254;

    private readonly string _file;
    private readonly List<PlanProblem> _problems = [];

    private ReorgPlanParser(string file) => _file = file;

    public static (ReorgPlanDocument? Plan, IReadOnlyList<PlanProblem> Problems) ParseFile(string path)
    {
        var (text, problem) = PlanFileText.Read(path, PlanLimits.MaxFileBytes, "plans");
        return text is null ? (null, [problem!]) : Read(text, path);
    }

    public static (ReorgPlanDocument? Plan, IReadOnlyList<PlanProblem> Problems) Parse(string text, string file)
    {
        if (text.Length > PlanLimits.MaxFileBytes || Encoding.UTF8.GetByteCount(text) > PlanLimits.MaxFileBytes)
            return (null, [new PlanProblem(new SourcePosition(file, 1, 1), $"The plan is larger than {PlanLimits.MaxFileBytes / (1024 * 1024)} MB.")]);
        return Read(text, file);
    }

    private static (ReorgPlanDocument? Plan, IReadOnlyList<PlanProblem> Problems) Read(string text, string file)
    {
        if (PlanTextGuard.Check(file, text) is { } unfit) return (null, [unfit]);
        var (root, problem) = PlanYamlReader.Read(text, file);
        if (problem is not null) return (null, [problem]);
        if (root is null or PlanScalar { IsNull: true }) return (null, [new PlanProblem(new SourcePosition(file, 1, 1), "The plan is empty.")]);

        var parser = new ReorgPlanParser(file);
        var plan = parser.ReadRoot(root);
        return (parser._problems.Count == 0 ? plan : null, parser._problems);
    }

    private ReorgPlanDocument? ReadRoot(PlanNode root)
    {
        if (root is not PlanMapping map) return Fail<ReorgPlanDocument>(root, "A plan is a mapping with the keys version, groups, roles, attributes and disable.");
        CheckKeys(map, RootKeys, "plan");
        if (map["version"] is null) Problem(map, "The plan has no version; start it with 'version: 1'.");
        else if (Scalar(map, "version") is { } version && version.Value.Trim() != SupportedVersion.ToString())
            Problem(version, $"Version '{Excerpt.Of(version.Value)}' is not supported; this module reads version {SupportedVersion}.");

        var groups = List(map, "groups")?.Items.Select(ReadGroup).OfType<GroupSpec>().ToList() ?? [];
        CheckDuplicateGroups(groups);
        var roles = List(map, "roles")?.Items.Select(ReadRole).OfType<RoleSpec>().ToList() ?? [];
        CheckRepeats(roles, r => r.Name, r => r.At, r => $"Role '{Excerpt.Of(r.Name)}' is already declared at line {r.At.Line}.");
        var attributes = ReadAttributes(map["attributes"]);
        var disable = List(map, "disable")?.Items.Select(n => Email(n) is { } e ? new DisableSpec(e, n.At) : null).OfType<DisableSpec>().ToList() ?? [];
        CheckRepeats(disable, d => d.User, d => d.At, d => $"{d.User} is already listed to disable at line {d.At.Line}.");
        return new ReorgPlanDocument(_file, SupportedVersion, groups, attributes, disable) { Roles = roles };
    }

    private GroupSpec? ReadGroup(PlanNode node)
    {
        if (node is not PlanMapping map) return Fail<GroupSpec>(node, "A group is a mapping with at least a name.");
        CheckKeys(map, GroupKeys, "group");
        var name = map["name"] is null ? null : Scalar(map, "name");
        if (map["name"] is null || name is { } && (name.IsNull || name.Value.Trim().Length == 0)) return Fail<GroupSpec>(map, "The group has no name.");
        if (name is null) return null;

        var absent = Scalar(map, "absent") is { } a && Boolean(a);
        var mode = Mode(map);
        var include = List(map, "include")?.Items.Select(ReadMember).OfType<MemberSpec>().ToList() ?? [];
        if (absent && (include.Count > 0 || map["members"] is not null))
            Problem(map, $"Group '{Excerpt.Of(name.Value.Trim())}' is marked absent, so it cannot have members.");
        var description = Scalar(map, "description") is { IsNull: false } d ? d.Value : null;
        return new GroupSpec(name.Value.Trim(), description, absent, mode, include, map.At);
    }

    private RoleSpec? ReadRole(PlanNode node)
    {
        if (node is not PlanMapping map) return Fail<RoleSpec>(node, "A role is a mapping with a name and the people who hold it under include.");
        CheckKeys(map, RoleKeys, "role");
        if (map["name"] is null) return Fail<RoleSpec>(map, "The role has no name.");
        if (Name(map, "name") is not { } name) return null;
        var mode = Mode(map);
        var include = List(map, "include")?.Items.Select(ReadMember).OfType<MemberSpec>().ToList() ?? [];
        return new RoleSpec(name, mode, include, map.At);
    }

    /// <summary>How a group or role holds its people; by name only, as an enum parser would also take '1' or 'exact, additive'.</summary>
    private MembershipMode Mode(PlanMapping map)
    {
        if (Scalar(map, "members") is not { } members) return MembershipMode.Additive;
        if (members.Value.Trim().Equals("exact", StringComparison.OrdinalIgnoreCase)) return MembershipMode.Exact;
        if (!members.Value.Trim().Equals("additive", StringComparison.OrdinalIgnoreCase))
            Problem(members, $"members must be 'exact' or 'additive', not '{Excerpt.Of(members.Value)}'.");
        return MembershipMode.Additive;
    }

    private MemberSpec? ReadMember(PlanNode node)
    {
        if (node is PlanScalar) return Email(node) is { } email ? new EmailMember(email, node.At) : null;
        if (node is not PlanMapping map) return Fail<MemberSpec>(node, "A member is an email address or a selector such as { memberOf: Analytics }.");
        if (map.Entries.Count == 0) return Fail<MemberSpec>(map, "An empty selector selects nobody.");
        foreach (var (key, _) in map.Entries.Where(e => !SelectorKeys.Contains(e.Key.Value)))
            Problem(key, $"Unknown selector '{Excerpt.Of(key.Value)}'; use attribute and is, memberOf, or emailLike.{DidYouMean.Suffix(key.Value, SelectorKeys)}");

        var kinds = SelectorKinds.Where(k => map[k] is not null).ToList();
        if (kinds.Count > 1)
            return Fail<MemberSpec>(map, $"A selector chooses people one way, but this one has {string.Join(" and ", kinds)}; write one selector for each.");
        if (kinds.Count == 0)
            return map["is"] is null ? null : Fail<MemberSpec>(map, "'is' goes with 'attribute', as in { attribute: department, is: Sales }.");
        switch (kinds[0])
        {
            case "memberOf":
                return Name(map, "memberOf") is { } group ? new GroupSelector(group, map.At) : null;
            case "emailLike":
                if (Name(map, "emailLike") is not { } pattern) return null;
                return pattern.Length <= PlanLimits.MaxPatternLength ? new EmailPatternSelector(pattern, map.At)
                    : Fail<MemberSpec>(map["emailLike"]!, $"The pattern is longer than {PlanLimits.MaxPatternLength} characters, and no email address is.");
            default:
                if (Name(map, "attribute") is not { } attribute) return null;
                if (map["is"] is null) return Fail<MemberSpec>(map, $"The selector on attribute '{Excerpt.Of(attribute)}' needs 'is', the value to match.");
                return Scalar(map, "is") is { } value
                    ? value.IsNull ? Fail<MemberSpec>(value, "'is' needs the value to match; write '' to match an empty one.") : new AttributeSelector(attribute, value.Value, map.At)
                    : null;
        }
    }

    private List<AttributeSpec> ReadAttributes(PlanNode? node)
    {
        var specs = new List<AttributeSpec>();
        if (node is null or PlanScalar { IsNull: true }) return specs;
        if (node is not PlanMapping users) return Fail<List<AttributeSpec>>(node, "attributes maps email addresses to the attributes to set.") ?? specs;
        foreach (var (userNode, valuesNode) in users.Entries)
        {
            if (Email(userNode) is not { } user) continue;
            if (valuesNode is not PlanMapping values) { Problem(valuesNode, $"The attributes of {user} are a mapping of name to value."); continue; }
            foreach (var (nameNode, valueNode) in values.Entries)
            {
                if (nameNode.IsNull || nameNode.Value.Trim().Length == 0) { Problem(nameNode, $"An attribute of {user} has no name."); continue; }
                var list = valueNode switch
                {
                    // YAML's null sets the attribute empty, as an empty value does.
                    PlanScalar s => [s.IsNull ? "" : s.Value],
                    PlanSequence seq when seq.Items.All(c => c is PlanScalar) => seq.Items.Cast<PlanScalar>().Select(c => c.IsNull ? "" : c.Value).ToList(),
                    _ => Fail<List<string>>(valueNode, $"Attribute '{Excerpt.Of(nameNode.Value)}' takes a value or a list of values."),
                };
                if (list is not null) specs.Add(new AttributeSpec(user, nameNode.Value, list, nameNode.At));
            }
        }
        CheckRepeats(specs, s => $"{s.User}\n{s.Attribute}", s => s.At, s => $"Attribute '{Excerpt.Of(s.Attribute)}' of {s.User} is already set at line {s.At.Line}.");
        return specs;
    }

    private void CheckDuplicateGroups(List<GroupSpec> groups) =>
        CheckRepeats(groups, g => g.Name, g => g.At, g => $"Group '{Excerpt.Of(g.Name)}' is already declared at line {g.At.Line}.");

    /// <summary>
    /// Addresses, group and attribute names are compared as the platforms compare them, ignoring case, so
    /// spellings YAML keeps apart would still make two changes to one thing.
    /// </summary>
    private void CheckRepeats<T>(List<T> items, Func<T, string> key, Func<T, SourcePosition> at, Func<T, string> sayFirst)
    {
        var first = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
            if (!first.TryAdd(key(item), item))
                Problem(at(item), sayFirst(first[key(item)]));
    }

    private void CheckKeys(PlanMapping map, string[] known, string what)
    {
        foreach (var (key, _) in map.Entries)
            if (!known.Contains(key.Value))
                Problem(key, $"Unknown key '{Excerpt.Of(key.Value)}' in a {what}.{DidYouMean.Suffix(key.Value, known)}");
    }

    private string? Email(PlanNode node)
    {
        if (node is not PlanScalar { IsNull: false } scalar) return Fail<string>(node, "Expected an email address.");
        var text = scalar.Value.Trim();
        return text.Length <= MaxEmailLength && InputText.IsValidEmail(text) ? text : Fail<string>(node, $"'{Excerpt.Of(scalar.Value)}' is not a valid email address.");
    }

    /// <summary>A field that names something: one value, neither null nor blank.</summary>
    private string? Name(PlanMapping map, string key)
    {
        if (Scalar(map, key) is not { } scalar) return null;
        return scalar.IsNull || scalar.Value.Trim().Length == 0 ? Fail<string>(scalar, $"'{key}' needs a value.") : scalar.Value.Trim();
    }

    private PlanScalar? Scalar(PlanMapping map, string key) => map[key] switch
    {
        null => null,
        PlanScalar scalar => scalar,
        var other => Fail<PlanScalar>(other, $"'{key}' takes a single value."),
    };

    private PlanSequence? List(PlanMapping map, string key) => map[key] switch
    {
        null or PlanScalar { IsNull: true } => null,
        PlanSequence sequence => sequence,
        var other => Fail<PlanSequence>(other, $"'{key}' takes a list (lines starting with '- ')."),
    };

    private bool Boolean(PlanScalar node) => node.Value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => Fail<string>(node, $"Expected true or false, not '{Excerpt.Of(node.Value)}'.") is not null,
    };

    private T? Fail<T>(PlanNode node, string message) where T : class
    {
        Problem(node, message);
        return null;
    }

    private void Problem(PlanNode node, string message) => Problem(node.At, message);

    private void Problem(SourcePosition at, string message)
    {
        if (_problems.Count < PlanLimits.MaxProblems) _problems.Add(new PlanProblem(at, message));
        else if (_problems.Count == PlanLimits.MaxProblems) _problems.Add(new PlanProblem(at, $"More problems follow; these are the first {PlanLimits.MaxProblems}."));
    }
}
