namespace UserMgmt.Plans;

/// <summary>
/// A plan file's YAML as read by <see cref="PlanYamlReader"/>: scalars, lists and mappings whose keys are
/// always scalars. An alias is the node it names, shared, never copied.
/// </summary>
internal abstract class PlanNode(SourcePosition at)
{
    public SourcePosition At { get; } = at;
}

internal sealed class PlanScalar(string value, bool plain, SourcePosition at) : PlanNode(at)
{
    public string Value { get; } = value;

    /// <summary>Written as nothing, ~ or null without quotes: YAML's null, which no plan field accepts as text.</summary>
    public bool IsNull { get; } = plain && value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed class PlanSequence(SourcePosition at) : PlanNode(at)
{
    public List<PlanNode> Items { get; } = [];
}

/// <summary>A mapping in the order written; the reader has already refused duplicate keys.</summary>
internal sealed class PlanMapping(SourcePosition at) : PlanNode(at)
{
    private readonly Dictionary<string, PlanNode> _byKey = new(StringComparer.Ordinal);

    public List<(PlanScalar Key, PlanNode Value)> Entries { get; } = [];

    public PlanNode? this[string key] => _byKey.GetValueOrDefault(key);

    public void Add(PlanScalar key, PlanNode value)
    {
        _byKey.Add(key.Value, value);
        Entries.Add((key, value));
    }
}
