namespace UserMgmt.Operations;

/// <summary>Reads the loose text that spreadsheets and Import-Csv hand over.</summary>
public static class InputText
{
    /// <summary>Splits cells such as "Contractors; Read-Only-Access" into distinct, trimmed entries.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string?>? values) =>
        (values ?? [])
            .Where(v => v is not null)
            .SelectMany(v => v!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>A bare, fully qualified address, as <see cref="EmailAddressRules"/> describes.</summary>
    public static bool IsValidEmail(string text) => EmailAddressRules.IsValid(text);

    public static bool LooksLikeEmail(string key) => key.Contains('@');

    /// <summary>Reads "1", "0", "true", "yes", "no" and the like; null for empty or unknown text.</summary>
    public static bool? ParseFlag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" or "on" => true,
        "0" or "false" or "no" or "n" or "off" => false,
        _ => null,
    };
}
