namespace UserMgmt.Bulk;

/// <summary>
/// Reads bulk rows from a JSON file (an array of objects, as the platform's own file) or a CSV file,
/// accepting the platform's column names and the usual spreadsheet ones. The file is streamed and held to
/// <see cref="BulkFileLimits"/>; whatever is wrong with it comes back as problems naming the file, the
/// line or row and the column or field, never as an exception.
/// </summary>
public static class BulkFileReader
{
    public static BulkFileRead Read(string path) => Read(path, () => Open(path));

    /// <summary>Reads a stream that stands for <paramref name="path"/>, such as a device or pipe that never ends.</summary>
    internal static BulkFileRead Read(string path, Stream stream) => Read(path, () => stream);

    private static BulkFileRead Read(string path, Func<Stream> open)
    {
        var reading = new BulkFileReading(path);
        try
        {
            var json = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
            using var text = BulkFileTextReader.Open(open(), path, json ? null : BulkFileLimits.MaxLineChars);
            if (text.Peek() < 0) throw new BulkFileRefusedException(new BulkFileProblem(path, "The file is empty."));
            if (json) BulkJsonReader.Read(text, reading);
            else BulkCsvReader.Read(text, reading);
        }
        catch (BulkFileRefusedException e)
        {
            reading.Stop(e.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reading.Stop(new BulkFileProblem(path, $"The file could not be read: {e.Message}"));
        }
        return reading.Result();
    }

    private static FileStream Open(string path)
    {
        if (Directory.Exists(path)) throw new BulkFileRefusedException(new BulkFileProblem(path, "This is a folder, not a file."));
        if (!File.Exists(path)) throw new BulkFileRefusedException(new BulkFileProblem(path, "There is no such file."));
        // The text reader buffers, so the stream need not.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > BulkFileLimits.MaxFileBytes)
        {
            stream.Dispose();
            throw new BulkFileRefusedException(new BulkFileProblem(path, BulkFileLimits.FileTooLarge));
        }
        return stream;
    }
}
