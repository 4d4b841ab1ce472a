using System.Text;

namespace UserMgmt.Plans;

/// <summary>
/// Reads the text of a plan file or a saved plan. Reading stops at the size limit, whatever length the file
/// claims (a device or a growing file claims none). The bytes are decoded strictly: UTF-8, or UTF-16 or
/// UTF-32 when a byte order mark says so; bytes that are not valid text are a problem at their place, never
/// silently replaced.
/// </summary>
internal static class PlanFileText
{
    public static (string? Text, PlanProblem? Problem) Read(string path, long maxBytes, string what)
    {
        PlanProblem Problem(string message, int line = 1, int column = 1) => new(new SourcePosition(path, line, column), message);
        var limit = $"{what} are limited to {maxBytes / (1024 * 1024)} MB";

        if (Directory.Exists(path)) return (null, Problem("This is a folder, not a file; name the file itself."));
        if (!File.Exists(path)) return (null, Problem("The file does not exist."));
        byte[]? bytes;
        try
        {
            var claimed = new FileInfo(path).Length;
            if (claimed > maxBytes) return (null, Problem($"The file is {claimed:N0} bytes; {limit}."));
            bytes = ReadAtMost(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, Problem($"The file cannot be read: {e.Message}"));
        }
        if (bytes is null) return (null, Problem($"The file holds more than {maxBytes / (1024 * 1024)} MB; {limit}."));

        var (encoding, name, preamble) = EncodingOf(bytes);
        try
        {
            return (encoding.GetString(bytes, preamble, bytes.Length - preamble), null);
        }
        catch (DecoderFallbackException)
        {
            // Decoded again with a marker where the bytes fail, to report the line and column of the first.
            var marking = (Encoding)encoding.Clone();
            marking.DecoderFallback = new DecoderReplacementFallback("\uFFFF");
            var text = marking.GetString(bytes, preamble, bytes.Length - preamble);
            var (line, column) = PlanTextGuard.PositionOf(text, Math.Max(0, text.IndexOf('\uFFFF')));
            return (null, Problem($"The file is not valid {name} text here; save it as UTF-8.", line, column));
        }
    }

    /// <summary>The bytes, or null when there are more than <paramref name="maxBytes"/>.</summary>
    private static byte[]? ReadAtMost(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            if (bytes.Length + read > maxBytes) return null;
            bytes.Write(buffer, 0, read);
        }
        return bytes.ToArray();
    }

    private static (Encoding Encoding, string Name, int Preamble) EncodingOf(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false, true), "UTF-8", 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(false, false, true), "UTF-32", 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, false, true), "UTF-32", 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), "UTF-16", 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), "UTF-16", 2),
        _ => (new UTF8Encoding(false, true), "UTF-8", 0),
    };
}
