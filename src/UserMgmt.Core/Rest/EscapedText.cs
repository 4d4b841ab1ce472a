using System.Globalization;
using System.Text;

namespace UserMgmt.Rest;

/// <summary>
/// The start of a text with one layer of escaping undone — JSON (<c>\u002B</c>, <c>\/</c>), URL
/// (<c>%2B</c>, UTF-8 included) and HTML (<c>&amp;amp;</c>, <c>&amp;#43;</c>), in any mix and either case of
/// hex — where each character knows the span it was written as, so what is found here can be masked there.
/// </summary>
internal sealed class EscapedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<(int Start, int End)> _spans;

    private EscapedText(string chars, List<(int, int)> spans) => (Chars, _spans) = (chars, spans);

    /// <summary>The unescaped characters.</summary>
    public string Chars { get; }

    /// <summary>Where the characters from <paramref name="index"/> on, <paramref name="count"/> of them, were written.</summary>
    public (int Start, int End) Written(int index, int count) => (_spans[index].Start, _spans[index + count - 1].End);

    /// <summary>
    /// These characters with one more layer of escaping undone, each still knowing where it was written
    /// in the original text: a platform that echoes a request as a JSON string inside its JSON answer escapes it twice.
    /// </summary>
    public EscapedText UnescapedAgain()
    {
        var inner = Unescape(Chars, Chars.Length);
        return new EscapedText(inner.Chars, inner._spans.Select(s => (_spans[s.Start].Start, _spans[s.End - 1].End)).ToList());
    }

    /// <summary>The first <paramref name="length"/> characters of <paramref name="text"/> as written, for secrets that look like escapes.</summary>
    public static EscapedText AsWritten(string text, int length) =>
        new(text[..length], Enumerable.Range(0, length).Select(i => (i, i + 1)).ToList());

    /// <summary>The first <paramref name="length"/> characters of <paramref name="text"/>, unescaped.</summary>
    public static EscapedText Unescape(string text, int length)
    {
        var chars = new StringBuilder(length);
        var spans = new List<(int, int)>(length);
        for (var i = 0; i < length;)
        {
            var (decoded, used) = Json(text, i, length) ?? Percent(text, i, length) ?? Html(text, i, length) ?? (text[i].ToString(), 1);
            foreach (var c in decoded)
            {
                chars.Append(c);
                spans.Add((i, i + used));
            }
            i += used;
        }
        return new EscapedText(chars.ToString(), spans);
    }

    private static (string, int)? Json(string text, int i, int length)
    {
        if (text[i] != '\\' || i + 1 >= length) return null;
        return text[i + 1] switch
        {
            'u' when i + 6 <= length && Hex(text, i + 2, 4) is { } code => (((char)code).ToString(), 6),
            '"' or '\\' or '/' => (text[i + 1].ToString(), 2),
            'b' => ("\b", 2),
            'f' => ("\f", 2),
            'n' => ("\n", 2),
            'r' => ("\r", 2),
            't' => ("\t", 2),
            _ => null,
        };
    }

    // A run of %XX that makes one character: one byte for ASCII, up to four for UTF-8.
    private static (string, int)? Percent(string text, int i, int length)
    {
        if (PercentByte(text, i, length) is not { } lead) return null;
        var count = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
        if (count == 0) return null;
        var bytes = new byte[count];
        bytes[0] = (byte)lead;
        for (var k = 1; k < count; k++)
        {
            if (PercentByte(text, i + 3 * k, length) is not { } next) return null;
            bytes[k] = (byte)next;
        }
        try
        {
            return (StrictUtf8.GetString(bytes), 3 * count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int? PercentByte(string text, int i, int length) =>
        i + 3 <= length && text[i] == '%' ? Hex(text, i + 1, 2) : null;

    // &amp; &lt; &gt; &quot; &apos; and numeric references, decimal or hex.
    private static (string, int)? Html(string text, int i, int length)
    {
        if (text[i] != '&' || i + 1 >= length) return null;
        var semicolon = text.IndexOf(';', i + 1, Math.Min(12, length - i - 1));
        if (semicolon < 0) return null;
        var name = text.AsSpan(i + 1, semicolon - i - 1);
        var used = semicolon - i + 1;
        switch (name)
        {
            case "amp": return ("&", used);
            case "lt": return ("<", used);
            case "gt": return (">", used);
            case "quot": return ("\"", used);
            case "apos": return ("'", used);
        }
        if (name.Length < 2 || name[0] != '#') return null;
        var hex = name[1] is 'x' or 'X';
        var styles = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        if (!int.TryParse(hex ? name[2..] : name[1..], styles, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            return null;
        return (char.ConvertFromUtf32(code), used);
    }

    private static int? Hex(string text, int start, int digits) =>
        int.TryParse(text.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;
}
