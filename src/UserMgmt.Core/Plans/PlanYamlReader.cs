using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace UserMgmt.Plans;

/// <summary>
/// Reads plan YAML into <see cref="PlanNode"/>s straight from YamlDotNet's event stream, enforcing the bounds
/// as each event arrives, before anything deeper or larger exists: nesting (through aliases too), values
/// after alias expansion, keys that are scalars, one document, no duplicate keys, no tags.
/// </summary>
/// <remarks>
/// YamlDotNet's parser keeps its own stack of states, so it reads any depth without recursing; YamlStream,
/// by contrast, builds its tree recursively and hashes keys by walking them, which a hostile file turns into
/// a stack overflow or a billion-node walk. Nothing here recurses, and an alias costs the same whatever it
/// stands for: it is shared, never copied, and only its counted size is added.
/// </remarks>
internal sealed class PlanYamlReader
{
    /// <summary>A list or mapping not yet closed, with what it holds so far.</summary>
    private sealed class Open(PlanNode node, string? anchor)
    {
        public PlanNode Node { get; } = node;
        public string? Anchor { get; } = anchor;
        public int Size { get; set; } = 1;
        public int Height { get; set; } = 1;
        public PlanScalar? PendingKey { get; set; }
        public Dictionary<string, PlanScalar>? Keys { get; } = node is PlanMapping ? new(StringComparer.Ordinal) : null;
    }

    /// <summary>What an alias stands for: the node, how many values it expands to, and how deep it goes.</summary>
    private readonly record struct Anchored(PlanNode Node, int Size, int Height);

    private readonly string _file;
    private readonly Stack<Open> _open = new();
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private int _values;
    private int _documents;
    private PlanNode? _root;

    private PlanYamlReader(string file) => _file = file;

    /// <summary>The root node, or the first problem; null and no problem for a file with nothing in it.</summary>
    public static (PlanNode? Root, PlanProblem? Problem) Read(string text, string file)
    {
        var reader = new PlanYamlReader(file);
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        while (true)
        {
            try
            {
                if (!parser.MoveNext()) return (reader._root, null);
            }
            catch (YamlException e)
            {
                return (null, new PlanProblem(reader.At(e.Start), CleanMessage(e)));
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet throws this, without a position, for a plain scalar in [ ] or { } continued on a
                // line indented less than its collection (aaubry/YamlDotNet#541): still the file's mistake.
                return (null, new PlanProblem(reader.At(scanner.CurrentPosition),
                    "The YAML cannot be read here; is a line inside [ ] or { } indented less than the one it continues?"));
            }
            if (reader.Take(parser.Current!) is { } problem) return (null, problem);
        }
    }

    private PlanProblem? Take(ParsingEvent e)
    {
        switch (e)
        {
            case DocumentStart start when ++_documents > 1:
                return Problem(start.Start, "A plan file holds one YAML document; a second one starts here.");
            case NodeEvent { Tag.IsEmpty: false } tagged:
                return Problem(tagged.Start, $"Tags such as '{Excerpt.Of(tagged.Tag.ToString())}' have no meaning in a plan; remove it.");
            case Scalar scalar when PlanTextGuard.Unfit(scalar.Value) is { } unfit:
                return Problem(scalar.Start, unfit);
            case Scalar scalar:
                return Attach(new PlanScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, At(scalar.Start)), scalar.Start, AnchorOf(scalar), 1, 0);
            case SequenceStart or MappingStart:
                return Begin((NodeEvent)e);
            case SequenceEnd or MappingEnd:
                var done = _open.Pop();
                return Attach(done.Node, e.Start, done.Anchor, done.Size, done.Height, counted: true);
            case AnchorAlias alias:
                return Refer(alias);
            default:
                return null;
        }
    }

    private PlanProblem? Begin(NodeEvent start)
    {
        if (InKeyPlace) return Problem(start.Start, "A list or mapping cannot be a key; keys are names.");
        if (_open.Count + 1 > PlanLimits.MaxNesting) return TooDeep(start.Start);
        if (++_values > PlanLimits.MaxValues) return TooMany(start.Start);
        _open.Push(new Open(start is SequenceStart ? new PlanSequence(At(start.Start)) : new PlanMapping(At(start.Start)), AnchorOf(start)));
        return null;
    }

    private PlanProblem? Refer(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out var target))
            return Problem(alias.Start, _open.Any(o => o.Anchor == name)
                ? $"The alias *{Excerpt.Of(name)} is inside the list or mapping it names; a plan cannot refer to itself."
                : $"The alias *{Excerpt.Of(name)} names no anchor (&{Excerpt.Of(name)}) written before it.");
        if (InKeyPlace && target.Node is not PlanScalar) return Problem(alias.Start, "A list or mapping cannot be a key; keys are names.");
        if (_open.Count + target.Height > PlanLimits.MaxNesting) return TooDeep(alias.Start);
        return Attach(target.Node, alias.Start, null, target.Size, target.Height);
    }

    /// <summary>
    /// Adds a finished node to the open list or mapping. Every value counts once where it is written, and an
    /// alias counts everything it stands for again; <paramref name="counted"/> marks a list or mapping whose
    /// own values were counted as they arrived.
    /// </summary>
    private PlanProblem? Attach(PlanNode node, Mark at, string? anchor, int size, int height, bool counted = false)
    {
        if (!counted && (_values += size) > PlanLimits.MaxValues) return TooMany(at);
        if (anchor is not null) _anchors[anchor] = new Anchored(node, size, height);
        if (!_open.TryPeek(out var parent))
        {
            _root = node;
            return null;
        }
        parent.Size += size;
        parent.Height = Math.Max(parent.Height, height + 1);
        if (parent.Node is PlanSequence sequence)
        {
            sequence.Items.Add(node);
        }
        else if (parent.PendingKey is { } key)
        {
            ((PlanMapping)parent.Node).Add(key, node);
            parent.PendingKey = null;
        }
        else
        {
            // Begin and Refer let only scalars reach a key's place.
            var name = (PlanScalar)node;
            if (parent.Keys!.TryGetValue(name.Value, out var first))
                return Problem(at, $"Duplicate key '{Excerpt.Of(name.Value)}'; it is already given at line {first.At.Line}.");
            parent.Keys.Add(name.Value, name);
            parent.PendingKey = name;
        }
        return null;
    }

    private bool InKeyPlace => _open.TryPeek(out var parent) && parent.Node is PlanMapping && parent.PendingKey is null;

    private static string? AnchorOf(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

    private PlanProblem TooDeep(Mark at) =>
        Problem(at, $"Nested more than {PlanLimits.MaxNesting} levels deep; a plan needs five at most.");

    private PlanProblem TooMany(Mark at) =>
        Problem(at, $"The plan expands to more than {PlanLimits.MaxValues:N0} values; are aliases repeating one another?");

    private PlanProblem Problem(Mark at, string message) => new(At(at), message);

    private SourcePosition At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes its messages with the span; the span is reported separately.
    private static string CleanMessage(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return Excerpt.Of((cut >= 0 ? message[(cut + 3)..] : message).Trim(), 200);
    }
}
