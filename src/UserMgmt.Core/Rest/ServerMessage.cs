using System.Text.Json;
using System.Text.RegularExpressions;

namespace UserMgmt.Rest;

/// <summary>Pulls the human-readable message out of whatever an error answer carries, secrets masked before it is shortened.</summary>
internal static partial class ServerMessage
{
    private const int MaxLength = 300;

    public static string From(string? contentType, string? body, SecretRedactor redactor)
    {
        if (string.IsNullOrWhiteSpace(body)) return "the server sent no message";
        if (LooksLikeHtml(contentType, body))
        {
            var title = HtmlTitle().Match(body);
            return title.Success
                ? $"the server answered with an HTML page instead of JSON (\"{Shorten(title.Groups[1].Value, redactor)}\")"
                : "the server answered with an HTML page instead of JSON";
        }
        return FromJson(body, redactor) ?? Shorten(body, redactor);
    }

    public static bool LooksLikeHtml(string? contentType, string body) =>
        contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
        || body.TrimStart().StartsWith('<');

    // Vendors name the field differently: Acceldata "message", SCIM "detail", others "error".
    private static string? FromJson(string body, SecretRedactor redactor)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in new[] { "message", "detail", "error_description", "error" })
                if (doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    return Shorten(value.GetString()!, redactor);
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>A message the server wrote, on one line, secrets masked, cut to a readable length.</summary>
    public static string Shorten(string text, SecretRedactor redactor)
    {
        text = text.Trim().ReplaceLineEndings(" ");
        return redactor.Redact(text, MaxLength) + (text.Length > MaxLength ? "…" : "");
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlTitle();
}
