using System.Collections;
using System.Net;
using System.Security;
using UserMgmt.Plans;

namespace UserMgmt.Providers;

/// <summary>
/// A connection's provider options, checked against what the provider declares and filled with
/// defaults, so a misspelt name or value is refused when connecting rather than ignored.
/// </summary>
public sealed class ProviderOptions
{
    /// <summary>The option every provider with options takes: a JSON or YAML file of them, overridden by those given beside it.</summary>
    public const string FileOption = "OptionsFile";

    private readonly Dictionary<string, string> _values;

    private ProviderOptions(Dictionary<string, string> values) => _values = values;

    public string this[string name] => _values[name];

    /// <summary>The values of the options the provider declares secret, for its redactor.</summary>
    public IReadOnlyList<string> Secrets { get; private init; } = [];

    /// <summary>The value as one of an enum's members, for providers that model it so.</summary>
    public T Get<T>(string name) where T : struct, Enum => Enum.Parse<T>(_values[name], ignoreCase: true);

    public static ProviderOptions Resolve(ProviderDescriptor provider, IReadOnlyDictionary<string, object?>? given)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in provider.Options) values[option.Name] = option.Default;
        var entries = Flatten(given ?? new Dictionary<string, object?>(), "").ToList();
        List<(string Name, object? Value)> fromFile = [];
        if (entries.FirstOrDefault(e => string.Equals(e.Name, FileOption, StringComparison.OrdinalIgnoreCase)) is { Name: not null } file
            && provider.Options.Count > 0)
        {
            fromFile = Flatten(ProviderOptionsFile.Read(file.Value?.ToString() ?? ""), "").ToList();
            entries.Remove(file);
        }
        // Those given beside the file override it; within one source, an option given twice has no telling which counts.
        RefuseTwice(provider, fromFile);
        RefuseTwice(provider, entries);
        foreach (var (name, raw) in fromFile.Concat(entries)) values[Option(provider, name).Name] = Value(Option(provider, name), raw);
        // Masking text this short would mask it wherever it occurs in any output; no real key is so short.
        if (provider.Options.FirstOrDefault(o => o.IsSecret && values[o.Name].Length is > 0 and < Rest.SecretRedactor.ShortestSecret) is { } unmaskable)
            throw new ProviderOptionException($"Provider option {unmaskable.Name} is shorter than {Rest.SecretRedactor.ShortestSecret} characters, too short to be a key or to keep out of output; give the whole key.");
        return new ProviderOptions(values)
        {
            Secrets = provider.Options.Where(o => o.IsSecret && values[o.Name].Length > 0).Select(o => values[o.Name]).ToList(),
        };
    }

    private static void RefuseTwice(ProviderDescriptor provider, List<(string Name, object? Value)> entries)
    {
        // A table and a dotted name may both reach one option: @{ Routes = @{ Users = 'a' }; 'Routes.Users' = 'b' }.
        if (entries.GroupBy(e => Option(provider, e.Name).Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ProviderOptionException($"Provider option {twice.Key} is given more than once ({string.Join(", ", twice.Select(e => e.Name))}); give it once.");
    }

    // No option name has more parts than this; a table nested deeper (or holding itself) is refused, not followed.
    private const int DeepestTable = 4;

    /// <summary>Tables within the options as dotted names: @{ Routes = @{ Users = 'x' } } is Routes.Users = 'x'.</summary>
    private static IEnumerable<(string Name, object? Value)> Flatten(IEnumerable<KeyValuePair<string, object?>> given, string prefix, int depth = 0)
    {
        foreach (var (name, value) in given)
        {
            if (value is IDictionary table)
            {
                if (depth == DeepestTable) throw new ProviderOptionException($"Provider option tables nest {DeepestTable} deep at most; '{prefix}{name}' goes deeper.");
                foreach (var entry in Flatten(Entries(table), $"{prefix}{name}.", depth + 1)) yield return entry;
            }
            else yield return (prefix + name, value);
        }
    }

    /// <summary>A table's entries, whether PowerShell's Hashtable or a dictionary read from a file.</summary>
    private static List<KeyValuePair<string, object?>> Entries(IDictionary table)
    {
        var entries = new List<KeyValuePair<string, object?>>();
        for (var e = table.GetEnumerator(); e.MoveNext();) entries.Add(new(e.Key.ToString() ?? "", Unwrapped(e.Value)));
        return entries;
    }

    // The engine does not reference PowerShell, yet a nested table's values may arrive wrapped as PSObjects.
    private static object? Unwrapped(object? value) =>
        value?.GetType().GetProperty("BaseObject") is { } wrapped && value.GetType().Name == "PSObject" ? wrapped.GetValue(value) : value;

    private static ProviderOption Option(ProviderDescriptor provider, string name) =>
        provider.Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ProviderOptionException(provider.Options.Count == 0
            ? $"Provider {provider.Name} takes no options, but '{name}' was given."
            : $"Provider {provider.Name} has no option '{name}'.{DidYouMean.Suffix(name, provider.Options.Select(o => o.Name))} "
              + $"Its options: {string.Join(", ", provider.Options.Select(o => o.Name).Append(FileOption))}.");

    private static string Value(ProviderOption option, object? raw)
    {
        // Text, a number or a SecureString; anything else would be sent as its type's name. Its value is not shown: it may be a key.
        if (raw is not (null or SecureString or IConvertible))
            throw new ProviderOptionException($"Provider option {option.Name} takes one text, not a {raw.GetType().Name}.");
        var text = raw is SecureString secure ? new NetworkCredential("", secure).Password : raw?.ToString() ?? "";
        if (option.TakesAnyText)
            return string.IsNullOrWhiteSpace(text) ? throw new ProviderOptionException($"Provider option {option.Name} cannot be blank.") : text.Trim();
        return option.AllowedValues.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new ProviderOptionException($"Provider option {option.Name} cannot be '{text}'; it takes {string.Join(" or ", option.AllowedValues)}.");
    }
}

/// <summary>A provider option the provider does not declare, or a value it does not take.</summary>
public sealed class ProviderOptionException(string message) : ArgumentException(message);
