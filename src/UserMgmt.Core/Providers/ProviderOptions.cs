using UserMgmt.Plans;

namespace UserMgmt.Providers;

/// <summary>
/// A connection's provider options, checked against what the provider declares and filled with
/// defaults, so a misspelt name or value is refused when connecting rather than ignored.
/// </summary>
public sealed class ProviderOptions
{
    private readonly Dictionary<string, string> _values;

    private ProviderOptions(Dictionary<string, string> values) => _values = values;

    public string this[string name] => _values[name];

    /// <summary>The value as one of an enum's members, for providers that model it so.</summary>
    public T Get<T>(string name) where T : struct, Enum => Enum.Parse<T>(_values[name], ignoreCase: true);

    public static ProviderOptions Resolve(ProviderDescriptor provider, IReadOnlyDictionary<string, object?>? given)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in provider.Options) values[option.Name] = option.Default;
        foreach (var (name, raw) in given ?? new Dictionary<string, object?>())
        {
            var option = provider.Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ProviderOptionException(provider.Options.Count == 0
                    ? $"Provider {provider.Name} takes no options, but '{name}' was given."
                    : $"Provider {provider.Name} has no option '{name}'.{DidYouMean.Suffix(name, provider.Options.Select(o => o.Name))} "
                      + $"Its options: {string.Join(", ", provider.Options.Select(o => o.Name))}.");
            var text = raw?.ToString() ?? "";
            var value = option.AllowedValues.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
                ?? throw new ProviderOptionException($"Provider option {option.Name} cannot be '{text}'; it takes {string.Join(" or ", option.AllowedValues)}.");
            values[option.Name] = value;
        }
        return new ProviderOptions(values);
    }
}

/// <summary>A provider option the provider does not declare, or a value it does not take.</summary>
public sealed class ProviderOptionException(string message) : ArgumentException(message);
