using UserMgmt.Plans;

namespace UserMgmt.Providers;

/// <summary>
/// A file of provider options, JSON or YAML (JSON is YAML too): a mapping of option names to text, or to tables of
/// them. It is read with the plan reader's bounds, so a hostile file is refused at its line, never followed.
/// </summary>
internal static class ProviderOptionsFile
{
    private const long MaxBytes = 1024 * 1024;

    public static IEnumerable<KeyValuePair<string, object?>> Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ProviderOptionException($"Provider option {ProviderOptions.FileOption} cannot be blank.");
        var (text, unreadable) = PlanFileText.Read(path, MaxBytes, "Provider option files");
        if (unreadable is not null) throw Refused(unreadable);
        var (root, problem) = PlanYamlReader.Read(text!, path);
        if (problem is not null) throw Refused(problem);
        return root switch
        {
            null => [],
            PlanMapping mapping => Table(mapping),
            _ => throw Refused(new PlanProblem(root.At, "The file must hold a mapping of option names to values.")),
        };
    }

    private static Dictionary<string, object?> Table(PlanMapping mapping)
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in mapping.Entries)
            table[key.Value] = value switch
            {
                PlanMapping inner => Table(inner),
                PlanScalar { IsNull: false } scalar => scalar.Value,
                _ => throw Refused(new PlanProblem(value.At, $"'{key.Value}' must be text or a table of names and text.")),
            };
        return table;
    }

    private static ProviderOptionException Refused(PlanProblem problem) => new($"Provider options file {problem}");
}
