using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace UserMgmt.Bulk;

/// <summary>
/// Reads a CSV bulk file record by record with CsvHelper's parser. The header must name each column
/// once and include an email column; each row must have the header's fields. A field may not span
/// lines, so a quote left open is bad data on its own line instead of swallowing the rows below it.
/// </summary>
internal static class BulkCsvReader
{
    public static void Read(BulkFileTextReader text, BulkFileReading reading)
    {
        var bad = new BadData();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            TrimOptions = TrimOptions.Trim,
            // With blank lines kept as records and no field spanning lines, every record is one line,
            // so the parser's record count is the line number, even after a quote left open.
            IgnoreBlankLines = false,
            LineBreakInQuotedFieldIsBadData = true,
            BadDataFound = args => bad.Found ??= args,
            MaxFieldSize = BulkFileLimits.MaxFieldChars,
            // Rows repeat the same teams, roles and locations; equal fields share one string.
            CacheFields = true,
        };
        using var parser = new CsvParser(text, configuration, leaveOpen: true);
        string[]? header = null;
        var columns = Array.Empty<BulkColumn?>();
        var headerLine = 0;
        try
        {
            while (parser.Read())
            {
                var line = parser.Row;
                var (fields, badFields) = Fields(parser, bad);
                if (Array.TrueForAll(fields, field => field.Length == 0) && badFields is null) continue;
                if (header is null)
                {
                    header = Header(fields, badFields, reading, line);
                    if (header is null) return;
                    columns = Array.ConvertAll(header, BulkColumns.Find);
                    headerLine = line;
                    continue;
                }
                var row = reading.NextRow(line);
                // A quote out of place shifts the fields after it, so it is the problem to report, not their count.
                if (badFields is not null)
                {
                    foreach (var (index, found) in badFields)
                        reading.Add(new BulkFileProblem(reading.File, BadDataMessage(found.Field))
                            { Line = line, Column = ColumnOf(found), Row = row, Field = index < header.Length ? header[index] : null });
                    continue;
                }
                if (fields.Length < header.Length || HasValuesBeyond(fields, header.Length))
                {
                    reading.Add(new BulkFileProblem(reading.File, $"The row has {Count(fields.Length)}; the header has {header.Length}.") { Line = line, Row = row });
                    continue;
                }
                var builder = new BulkRowBuilder(reading, row, line);
                for (var i = 0; i < header.Length; i++) builder.Add(header[i], columns[i], fields[i]);
                builder.Finish(new BulkFileRecord(header, fields.Length == header.Length ? fields : fields[..header.Length]));
            }
        }
        catch (MaxFieldSizeException)
        {
            throw new BulkFileRefusedException(new BulkFileProblem(reading.File,
                FormattableString.Invariant($"A field is longer than {BulkFileLimits.MaxFieldChars:N0} characters, the most a field may hold.")) { Line = parser.Row });
        }
        if (header is null)
            reading.Add(new BulkFileProblem(reading.File, "The file has no header row: it holds nothing but blank lines."));
        else if (reading.RowsSeen == 0)
            reading.Add(new BulkFileProblem(reading.File, "The file has a header but no rows below it.") { Line = headerLine + 1 });
    }

    /// <summary>The header's names, or null when it has problems, since no row can be read right under a wrong header.</summary>
    private static string[]? Header(string[] fields, Dictionary<int, BadDataFoundArgs>? badFields, BulkFileReading reading, int line)
    {
        var names = new string[fields.Length];
        var problems = 0;
        void Problem(string? field, string message, int? column = null)
        {
            problems++;
            reading.Add(new BulkFileProblem(reading.File, message) { Line = line, Column = column, Field = field });
        }

        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var columnOf = new Dictionary<BulkColumn, int>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = fields[i];
            names[i] = name.Length == 0 ? $"(column {i + 1})" : name;
            if (badFields is not null && badFields.TryGetValue(i, out var found))
            {
                Problem(name, BadDataMessage(found.Field), ColumnOf(found));
                continue;
            }
            if (name.Length == 0) continue;
            if (!firstOf.TryAdd(name, i)) Problem(name, $"Column {i + 1}, '{name}', repeats column {firstOf[name] + 1}; each column may appear once.");
            else if (BulkColumns.Find(name) is { } column && !columnOf.TryAdd(column, i))
                Problem(name, $"Column {i + 1}, '{name}', and column {columnOf[column] + 1}, '{names[columnOf[column]]}', both give the {BulkColumns.NameOf(column)} column; keep one.");
        }
        if (!columnOf.ContainsKey(BulkColumn.Email))
            Problem(null, $"The header has no email column (it has {BulkFileReading.Quote(string.Join(", ", names))}); name one email, mail or emailaddress.");
        return problems == 0 ? names : null;
    }

    /// <summary>The record's fields, and those CsvHelper found bad by their index (null when none, as for nearly every record).</summary>
    private static (string[] Fields, Dictionary<int, BadDataFoundArgs>? Bad) Fields(CsvParser parser, BadData bad)
    {
        var fields = new string[parser.Count];
        Dictionary<int, BadDataFoundArgs>? badFields = null;
        for (var i = 0; i < fields.Length; i++)
        {
            bad.Found = null;
            fields[i] = parser[i];
            if (bad.Found is { } found) (badFields ??= [])[i] = found;
        }
        return (fields, badFields);
    }

    /// <summary>What CsvHelper reported of the field just read; its callback is the only way it tells.</summary>
    private sealed class BadData
    {
        public BadDataFoundArgs? Found { get; set; }
    }

    // Spreadsheets pad some rows with empty cells past the last column; only values there would be lost.
    private static bool HasValuesBeyond(string[] fields, int count)
    {
        for (var i = count; i < fields.Length; i++)
            if (fields[i].Length > 0) return true;
        return false;
    }

    private static string Count(int fields) => fields == 1 ? "1 field" : $"{fields} fields";

    private static string BadDataMessage(string rawField)
    {
        var field = rawField.Trim(' ', '\t');
        if (field.StartsWith('"') && (field.EndsWith('\n') || field.EndsWith('\r') || field.IndexOf('"', 1) < 0))
            return "A quote opens this field and is not closed on the same line (fields may not span lines); close it, or write a quote that is part of the text as two (\"\").";
        if (field.StartsWith('"'))
            return "Text follows the closing quote of this field; quote the whole field and write a quote that is part of the text as two (\"\").";
        return "A quote stands inside a field that does not start with one; quote the whole field and write the quote as two (\"\").";
    }

    /// <summary>Where the bad field starts in its line: at its first quote or character.</summary>
    private static int? ColumnOf(BadDataFoundArgs bad)
    {
        var start = bad.RawRecord.IndexOf(bad.Field, StringComparison.Ordinal);
        return start < 0 ? null : start + (bad.Field.Length - bad.Field.TrimStart(' ', '\t').Length) + 1;
    }
}
