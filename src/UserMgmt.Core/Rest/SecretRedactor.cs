using System.Text;
using UserMgmt.Connections;

namespace UserMgmt.Rest;

/// <summary>
/// Removes secrets from anything about to be written: header values by name, and a secret's forms —
/// the secret, its Base64 and the Basic token built from it — wherever they appear, as written or
/// behind up to <see cref="EscapeLayers"/> layers of JSON, URL or HTML escaping (a server may echo a key back,
/// escaped its own way, and echo a request it refused as a string inside its own JSON, escaped again).
/// Text is masked before it is cut, so a cut never shows the start of a secret.
/// </summary>
/// <remarks>
/// It holds no secret in clear, only <see cref="SecretFingerprint"/>s: a form's length and hashes
/// under a key of this redactor's own. The secret is revealed once, while they are made.
/// </remarks>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    // Very short values would mask ordinary words; real keys are never that short.
    internal const int ShortestSecret = 4;

    // Layers of escaping undone: JSON inside JSON inside a log line is as deep as echoes go in practice.
    private const int EscapeLayers = 3;

    // The most characters one character of a secret takes once escaped (&#x10FFFF; or %F0%9F%98%80 per pair),
    // and each further layer writes each of those in at most six (\u0026).
    private const int WidestEscape = 12 * 6 * 6;

    private static readonly HashSet<string> SecretHeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "accessKey", "secretKey", "Authorization", "Ocp-Apim-Subscription-Key", "Cookie", "Set-Cookie",
    };

    private readonly SecretFingerprint.Keys _keys = new();
    private readonly SecretFingerprint[] _fingerprints;
    private readonly int _longest;

    public SecretRedactor(IEnumerable<string?> secretValues)
    {
        _fingerprints = secretValues.Where(v => v is { Length: >= ShortestSecret }).Distinct()
            .Select(v => SecretFingerprint.Of(v!, _keys)).ToArray();
        _longest = _fingerprints.Length == 0 ? 0 : _fingerprints.Max(f => f.Length);
    }

    /// <summary>A redactor for the credential's secret, in every form the module may send or print it.</summary>
    internal static SecretRedactor For(ApiCredential credential, IEnumerable<string>? otherSecrets = null)
    {
        var secret = credential.RevealSecret();
        return new SecretRedactor([secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), credential.RevealBasicToken(), .. otherSecrets ?? []]);
    }

    public static bool IsSecretHeader(string name) => SecretHeaderNames.Contains(name);

    public string Redact(string? text) => Redact(text, int.MaxValue);

    /// <summary>
    /// The text's first <paramref name="maxLength"/> characters with every secret masked; a secret
    /// that starts before the cut is masked whole. The caller says that the text was cut.
    /// </summary>
    public string Redact(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        var shown = Math.Min(text.Length, maxLength);
        if (_fingerprints.Length == 0) return text[..shown];
        // A form that starts before the cut ends within this many characters more, however it is escaped.
        var scanned = (int)Math.Min(text.Length, shown + (long)_longest * WidestEscape);
        var found = new List<(int Start, int End)>();
        var view = EscapedText.Unescape(text, scanned);
        for (var layer = 1; ; layer++)
        {
            Find(view, found);
            if (layer == EscapeLayers) break;
            var deeper = view.UnescapedAgain();
            // Every escape undone shortens the text: the same length means nothing was left to undo.
            if (deeper.Chars.Length == view.Chars.Length) break;
            view = deeper;
        }
        Find(EscapedText.AsWritten(text, scanned), found);
        return Masked(text, shown, found);
    }

    public string RedactHeader(string name, string? value) => IsSecretHeader(name) ? Mask : Redact(value);

    /// <summary>
    /// Maps what a platform sent; a value that cannot be read is an error naming its place, and the platform may have
    /// echoed the secret into that value, so the message is masked.
    /// </summary>
    public T Mapped<T>(Func<T> map)
    {
        try
        {
            return map();
        }
        catch (FormatException e)
        {
            throw new FormatException(Redact(e.Message));
        }
    }

    // Rabin-Karp: one pass per length of form; a window whose rolling hash matches is confirmed by its digest.
    private void Find(EscapedText view, List<(int Start, int End)> found)
    {
        var chars = view.Chars;
        foreach (var sameLength in _fingerprints.GroupBy(f => f.Length))
        {
            var length = sameLength.Key;
            if (chars.Length < length) continue;
            var leadingPower = SecretFingerprint.Power(_keys.Base, length - 1);
            var hash = SecretFingerprint.RollingHash(chars.AsSpan(0, length), _keys.Base);
            for (var at = 0; ; at++)
            {
                if (sameLength.Any(f => f.Rolling == hash && f.Matches(chars.AsSpan(at, length), _keys)))
                    found.Add(view.Written(at, length));
                if (at + length >= chars.Length) break;
                hash = SecretFingerprint.Roll(hash, chars[at], chars[at + length], _keys.Base, leadingPower);
            }
        }
    }

    private static string Masked(string text, int shown, List<(int Start, int End)> found)
    {
        var result = new StringBuilder(shown);
        var at = 0;
        foreach (var (start, end) in found.OrderBy(f => f.Start))
        {
            if (start >= shown) break;
            // One mask for overlapping finds: the same secret as written and unescaped, say.
            if (start >= at) result.Append(text, at, start - at).Append(Mask);
            at = Math.Max(at, end);
        }
        if (at < shown) result.Append(text, at, shown - at);
        return result.ToString();
    }
}
