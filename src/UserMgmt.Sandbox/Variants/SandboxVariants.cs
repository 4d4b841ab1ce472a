using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace UserMgmt.Sandbox.Variants;

/// <summary>
/// The variants the sandbox answers in now: set at start (--variant) and changeable at run time
/// (/_sandbox/variants), read by the endpoints whose answers they shape.
/// </summary>
public sealed partial class SandboxVariants(IEnumerable<SandboxVariant>? initial = null)
{
    private volatile ImmutableHashSet<SandboxVariant> _active = [.. initial ?? []];

    public IReadOnlySet<SandboxVariant> Active
    {
        get => _active;
        set => _active = [.. value];
    }

    public bool Has(SandboxVariant variant) => _active.Contains(variant);

    /// <summary>Every variant's name as the command line and the admin API take it.</summary>
    public static IReadOnlyList<string> Names => Enum.GetValues<SandboxVariant>().Select(NameOf).ToList();

    public static string NameOf(SandboxVariant variant) => WordStart().Replace(variant.ToString(), "-$1").ToLowerInvariant();

    /// <summary>A comma-separated list of names (any case; "none" for none); an unknown one is refused, naming the known ones.</summary>
    public static IReadOnlySet<SandboxVariant> Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names is ["none"]) return new HashSet<SandboxVariant>();
        return names.Select(name => Enum.GetValues<SandboxVariant>().FirstOrDefault(v => NameOf(v) == name.ToLowerInvariant(), (SandboxVariant)(-1)) is var v && v >= 0
                ? v
                : throw new ArgumentException($"Unknown variant '{name}'; the variants are {string.Join(", ", Names)}."))
            .ToHashSet();
    }

    [GeneratedRegex("(?<=[a-z])([A-Z0-9])")]
    private static partial Regex WordStart();
}
