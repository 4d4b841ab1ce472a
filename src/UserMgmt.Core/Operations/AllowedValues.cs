using UserMgmt.Plans;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// The values a platform keeps an attribute to (CCAI Platform's locations), read once per attribute,
/// and why a value given is not one of them: commands and plans refuse it before anything is sent.
/// </summary>
public sealed class AllowedValues(IUserProvider provider)
{
    private readonly Dictionary<string, IReadOnlySet<string>?> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the platform will refuse one of these values, or null when it takes them (emptying is judged elsewhere).</summary>
    public async Task<string?> RefusalAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        if (values.All(string.IsNullOrWhiteSpace)) return null;
        if (!_known.TryGetValue(name, out var allowed))
            _known[name] = allowed = await provider.GetAllowedValuesAsync(name, cancellationToken);
        if (allowed is null) return null;

        var platform = provider.Capabilities.Platform;
        var known = allowed.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var choices = known.Count == 0 ? $"{platform} shows none to choose from" : $"{name} must be one of {PlannedStep.Quote(known)}";
        // One value of the list: "a; b" would reach the platform as the single value "a;b", which it does not know.
        if (values.Count > 1)
            return $"{platform} holds a single {name}, not {values.Count} ({PlannedStep.Quote(values.Select(v => Excerpt.Of(v)))}); {choices}.";
        if (!allowed.Contains(values[0]))
            return $"{platform} has no {name} '{Excerpt.Of(values[0])}'; {choices}.{DidYouMean.Suffix(values[0], known)}{HowToMakeKnown(name)}";
        return null;
    }

    // Where the choices are read from the users who hold them, a new value is unknown until someone holds it.
    private string HowToMakeKnown(string name) => provider.Capabilities.AllowedValuesAreThoseHeld
        ? $" Only the {name}s someone holds can be read: a {name} nobody holds yet must first be given to one user on {provider.Capabilities.Platform} itself."
        : "";

    /// <summary>The first refusal among several attributes, or null.</summary>
    public async Task<string?> RefusalAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken)
    {
        foreach (var (name, values) in attributes)
            if (await RefusalAsync(name, values, cancellationToken) is { } refusal) return refusal;
        return null;
    }
}
