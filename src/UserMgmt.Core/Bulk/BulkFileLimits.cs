namespace UserMgmt.Bulk;

/// <summary>
/// Bounds on a bulk file, so a hostile or mistaken one costs bounded memory and work. Reaching one stops
/// reading with a problem that names the limit. A typical agent row is 100–200 bytes, so the file limit
/// leaves room for well over the row limit.
/// </summary>
public static class BulkFileLimits
{
    public const long MaxFileBytes = 32L * 1024 * 1024;
    public const int MaxRows = 100_000;
    /// <summary>Characters in one CSV field or JSON string.</summary>
    public const int MaxFieldChars = 8 * 1024;
    /// <summary>Characters in one CSV line; a line is one row, since fields may not hold line breaks.</summary>
    public const int MaxLineChars = 64 * 1024;
    /// <summary>Bytes of one item of a JSON array; items are parsed one at a time.</summary>
    public const int MaxJsonItemBytes = 64 * 1024;
    /// <summary>Arrays and objects inside one another; a user row needs four.</summary>
    public const int MaxJsonDepth = 16;
    /// <summary>Problems reported per file before reading stops; enough to show a pattern.</summary>
    public const int MaxProblems = 100;

    internal static string FileTooLarge =>
        $"The file is larger than {MaxFileBytes / (1024 * 1024)} MiB, the most a bulk file may hold; split it into smaller files.";
}
