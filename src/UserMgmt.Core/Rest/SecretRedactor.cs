namespace UserMgmt.Rest;

/// <summary>
/// Removes secrets from anything about to be written: header values by name, and the known secret
/// values wherever they appear (a server may echo a key back in an error body).
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretHeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "accessKey", "secretKey", "Authorization", "Ocp-Apim-Subscription-Key", "Cookie", "Set-Cookie",
    };

    private readonly string[] _secretValues;

    public SecretRedactor(IEnumerable<string?> secretValues) =>
        // Very short values would mask ordinary words; real keys are never that short.
        _secretValues = secretValues.Where(v => v is { Length: >= 4 }).Select(v => v!).Distinct().ToArray();

    public static bool IsSecretHeader(string name) => SecretHeaderNames.Contains(name);

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        foreach (var secret in _secretValues)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    public string RedactHeader(string name, string? value) => IsSecretHeader(name) ? Mask : Redact(value);
}
