using System.Text;
using UserMgmt.Operations;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace UserMgmt.Plans;

/// <summary>
/// Reads a plan file into a <see cref="ReorgPlanDocument"/>, or into problems that each name the file,
/// line and column. Unknown keys are errors with a suggestion; size, nesting and alias expansion are bounded.
/// </summary>
public sealed class ReorgPlanParser
{
    public const int SupportedVersion = 1;

    private static readonly string[] RootKeys = ["version", "groups", "attributes", "disable"];
    private static readonly string[] GroupKeys = ["name", "description", "members", "include", "absent"];
    private static readonly string[] SelectorKeys = ["attribute", "is", "memberOf", "emailLike"];

    private readonly string _file;
    private readonly List<PlanProblem> _problems = [];

    private ReorgPlanParser(string file) => _file = file;

    public static (ReorgPlanDocument? Plan, IReadOnlyList<PlanProblem> Problems) ParseFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return (null, [new PlanProblem(new SourcePosition(path, 1, 1), "The plan file does not exist.")]);
        if (info.Length > PlanLimits.MaxFileBytes)
            return (null, [new PlanProblem(new SourcePosition(path, 1, 1),
                $"The file is {info.Length / (1024.0 * 1024):0.0} MB; plans are limited to {PlanLimits.MaxFileBytes / (1024 * 1024)} MB.")]);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    public static (ReorgPlanDocument? Plan, IReadOnlyList<PlanProblem> Problems) Parse(string text, string file)
    {
        if (Encoding.UTF8.GetByteCount(text) > PlanLimits.MaxFileBytes)
            return (null, [new PlanProblem(new SourcePosition(file, 1, 1), $"The plan is larger than {PlanLimits.MaxFileBytes / (1024 * 1024)} MB.")]);
        if (PlanTextGuard.Check(file, text) is { } problem) return (null, [problem]);

        var parser = new ReorgPlanParser(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return (null, [new PlanProblem(parser.At(e.Start), CleanMessage(e))]);
        }
        if (stream.Documents.Count != 1)
            return (null, [new PlanProblem(new SourcePosition(file, 1, 1), stream.Documents.Count == 0 ? "The plan is empty." : "A plan file holds one YAML document.")]);

        var root = stream.Documents[0].RootNode;
        if (CountValues(root) > PlanLimits.MaxValues)
            return (null, [new PlanProblem(parser.At(root), $"The plan expands to more than {PlanLimits.MaxValues:N0} values; are aliases repeating one another?")]);
        var plan = parser.ReadRoot(root);
        return (parser._problems.Count == 0 ? plan : null, parser._problems);
    }

    private ReorgPlanDocument? ReadRoot(YamlNode root)
    {
        if (root is not YamlMappingNode map) return Fail<ReorgPlanDocument>(root, "A plan is a mapping with the keys version, groups, attributes and disable.");
        CheckKeys(map, RootKeys, "plan");
        var version = Scalar(map, "version");
        if (version is null) Problem(map, "The plan has no version; start it with 'version: 1'.");
        else if (version.Value != SupportedVersion.ToString()) Problem(version, $"Version '{version.Value}' is not supported; this module reads version {SupportedVersion}.");

        var groups = Sequence(map, "groups")?.Children.Select(ReadGroup).OfType<GroupSpec>().ToList() ?? [];
        CheckDuplicateGroups(groups);
        var attributes = ReadAttributes(Child(map, "attributes"));
        var disable = Sequence(map, "disable")?.Children.Select(n => Email(n) is { } e ? new DisableSpec(e, At(n)) : null).OfType<DisableSpec>().ToList() ?? [];
        return new ReorgPlanDocument(_file, SupportedVersion, groups, attributes, disable);
    }

    private GroupSpec? ReadGroup(YamlNode node)
    {
        if (node is not YamlMappingNode map) return Fail<GroupSpec>(node, "A group is a mapping with at least a name.");
        CheckKeys(map, GroupKeys, "group");
        var name = Scalar(map, "name")?.Value?.Trim();
        if (string.IsNullOrEmpty(name)) return Fail<GroupSpec>(map, "The group has no name.");
        var absent = Scalar(map, "absent") is { } a && Boolean(a);
        var mode = MembershipMode.Additive;
        if (Scalar(map, "members") is { } members)
        {
            if (Enum.TryParse<MembershipMode>(members.Value, ignoreCase: true, out var parsed)) mode = parsed;
            else Problem(members, $"members must be 'exact' or 'additive', not '{members.Value}'.");
        }
        var include = Sequence(map, "include")?.Children.Select(ReadMember).OfType<MemberSpec>().ToList() ?? [];
        if (absent && (include.Count > 0 || Child(map, "members") is not null))
            Problem(map, $"Group '{name}' is marked absent, so it cannot have members.");
        return new GroupSpec(name, Scalar(map, "description")?.Value, absent, mode, include, At(map));
    }

    private MemberSpec? ReadMember(YamlNode node)
    {
        if (node is YamlScalarNode) return Email(node) is { } email ? new EmailMember(email, At(node)) : null;
        if (node is not YamlMappingNode map) return Fail<MemberSpec>(node, "A member is an email address or a selector such as { memberOf: Analytics }.");
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Where(k => !SelectorKeys.Contains(k.Value)))
            Problem(key, $"Unknown selector '{key.Value}'; use attribute and is, memberOf, or emailLike.{DidYouMean.Suffix(key.Value!, SelectorKeys)}");
        if (Scalar(map, "memberOf") is { } group) return new GroupSelector(group.Value!, At(map));
        if (Scalar(map, "emailLike") is { } pattern) return new EmailPatternSelector(pattern.Value!, At(map));
        if (Scalar(map, "attribute") is { } attribute)
            return Scalar(map, "is") is { } value
                ? new AttributeSelector(attribute.Value!, value.Value!, At(map))
                : Fail<MemberSpec>(map, $"The selector on attribute '{attribute.Value}' needs 'is', the value to match.");
        return map.Children.Count == 0 ? Fail<MemberSpec>(map, "An empty selector selects nobody.") : null;
    }

    private List<AttributeSpec> ReadAttributes(YamlNode? node)
    {
        var specs = new List<AttributeSpec>();
        if (node is null) return specs;
        if (node is not YamlMappingNode users) return Fail<List<AttributeSpec>>(node, "attributes maps email addresses to the attributes to set.") ?? specs;
        foreach (var (userNode, valuesNode) in users.Children)
        {
            if (Email(userNode) is not { } user) continue;
            if (valuesNode is not YamlMappingNode values) { Problem(valuesNode, $"The attributes of {user} are a mapping of name to value."); continue; }
            foreach (var (nameNode, valueNode) in values.Children)
            {
                var list = valueNode switch
                {
                    YamlScalarNode s => [s.Value ?? ""],
                    YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode) => seq.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "").ToList(),
                    _ => Fail<List<string>>(valueNode, $"Attribute '{(nameNode as YamlScalarNode)?.Value}' takes a value or a list of values."),
                };
                if (list is not null) specs.Add(new AttributeSpec(user, ((YamlScalarNode)nameNode).Value!, list, At(nameNode)));
            }
        }
        return specs;
    }

    private void CheckDuplicateGroups(List<GroupSpec> groups)
    {
        var first = new Dictionary<string, GroupSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
            if (!first.TryAdd(group.Name, group))
                _problems.Add(new PlanProblem(group.At, $"Group '{group.Name}' is already declared at line {first[group.Name].At.Line}."));
    }

    private void CheckKeys(YamlMappingNode map, string[] known, string what)
    {
        foreach (var key in map.Children.Keys)
            if (key is not YamlScalarNode { Value: { } name } || !known.Contains(name))
                Problem(key, $"Unknown key '{(key as YamlScalarNode)?.Value}' in a {what}.{DidYouMean.Suffix((key as YamlScalarNode)?.Value ?? "", known)}");
    }

    private string? Email(YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { } text }) return Fail<string>(node, "Expected an email address.");
        return InputText.IsValidEmail(text.Trim()) ? text.Trim() : Fail<string>(node, $"'{text}' is not a valid email address.");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private YamlScalarNode? Scalar(YamlMappingNode map, string key) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar,
        var other => Fail<YamlScalarNode>(other, $"'{key}' takes a single value."),
    };

    private YamlSequenceNode? Sequence(YamlMappingNode map, string key) => Child(map, key) switch
    {
        null => null,
        YamlSequenceNode sequence => sequence,
        YamlScalarNode { Value: null or "" } => null,
        var other => Fail<YamlSequenceNode>(other, $"'{key}' takes a list (lines starting with '- ')."),
    };

    private bool Boolean(YamlScalarNode node) => node.Value?.ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => Fail<string>(node, $"Expected true or false, not '{node.Value}'.") is not null,
    };

    private T? Fail<T>(YamlNode node, string message) where T : class
    {
        Problem(node, message);
        return null;
    }

    private void Problem(YamlNode node, string message) => _problems.Add(new PlanProblem(At(node), message));

    private SourcePosition At(YamlNode node) => At(node.Start);

    private SourcePosition At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    // Counted without recursion: aliases can stack values deeper than any stack.
    private static int CountValues(YamlNode root)
    {
        var count = 0;
        var pending = new Stack<YamlNode>([root]);
        while (pending.TryPop(out var node) && ++count <= PlanLimits.MaxValues)
        {
            if (node is YamlSequenceNode sequence) foreach (var child in sequence.Children) pending.Push(child);
            else if (node is YamlMappingNode map) foreach (var (key, value) in map.Children) { pending.Push(key); pending.Push(value); }
        }
        return count;
    }

    // YamlDotNet prefixes its messages with the span; the span is reported separately.
    private static string CleanMessage(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).Trim();
    }
}
