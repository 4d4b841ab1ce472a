using System.Globalization;

namespace UserMgmt.Providers.Ccai;

/// <summary>
/// A job's dates as the platform writes them. No source shows their format (ccai.md A13), so any common
/// form is read: ISO 8601 with or without a zone, a space for the T, a trailing "UTC", or Unix seconds or
/// milliseconds. A date with no zone is taken as UTC.
/// </summary>
internal static class CcaiDates
{
    // Past this a Unix count can only be milliseconds: 10^11 seconds is the year 5138.
    private const long LargestSeconds = 100_000_000_000;

    /// <summary>The date, or null where there is none or none can be read; the caller tells those apart by the text.</summary>
    public static DateTimeOffset? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)) return FromUnix(count);
        if (trimmed.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[..^4] + "Z";
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    private static DateTimeOffset? FromUnix(long count)
    {
        try
        {
            return Math.Abs(count) < LargestSeconds ? DateTimeOffset.FromUnixTimeSeconds(count) : DateTimeOffset.FromUnixTimeMilliseconds(count);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
