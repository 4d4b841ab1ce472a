using UserMgmt.Operations;

namespace UserMgmt.Bulk;

/// <summary>
/// One file being read: its rows and problems so far, within the limits on both, and the names that
/// rows share (ten thousand agents in "Contractors" need one copy of the word, not ten thousand).
/// </summary>
internal sealed class BulkFileReading(string file)
{
    private readonly List<BulkUserRow> _rows = [];
    private readonly List<BulkFileProblem> _problems = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _lists = new(StringComparer.Ordinal);
    private int _rowsSeen;

    public string File { get; } = file;

    public int RowsSeen => _rowsSeen;

    /// <summary>Numbers the next row from 1; past the row limit, reading stops.</summary>
    public int NextRow(int? line)
    {
        if (++_rowsSeen > BulkFileLimits.MaxRows)
            throw new BulkFileRefusedException(new BulkFileProblem(File,
                FormattableString.Invariant($"The file has more than {BulkFileLimits.MaxRows:N0} rows, the most a bulk file may hold; split it into smaller files.")) { Line = line, Row = _rowsSeen });
        return _rowsSeen;
    }

    public void Add(BulkUserRow row) => _rows.Add(row);

    /// <summary>Records a problem; past the problem limit, reading stops, since more of the same would only bury the first.</summary>
    public void Add(BulkFileProblem problem)
    {
        _problems.Add(problem);
        if (_problems.Count == BulkFileLimits.MaxProblems)
            throw new BulkFileRefusedException(new BulkFileProblem(File,
                $"Reading stopped after {BulkFileLimits.MaxProblems} problems; put these right and read the file again.") { Line = problem.Line, Row = problem.Row });
    }

    /// <summary>Records the problem that stopped reading; it is the last, so the limit does not apply.</summary>
    public void Stop(BulkFileProblem problem) => _problems.Add(problem);

    public string Share(string name)
    {
        if (_names.TryGetValue(name, out var shared)) return shared;
        _names.Add(name);
        return name;
    }

    /// <summary>
    /// The names in a cell such as "Contractors; Read-Only-Access", read as InputText.SplitList reads it.
    /// Rows with the same cell share one list; the caller must not change it.
    /// </summary>
    public string[] Names(string cell)
    {
        if (_lists.TryGetValue(cell, out var names)) return names;
        names = InputText.SplitList([cell]).Select(Share).ToArray();
        _lists[cell] = names;
        return names;
    }

    public BulkFileRead Result() => new() { File = File, Rows = _rows, Problems = _problems };

    /// <summary>Text from the file, shortened and with control characters shown, for a message.</summary>
    public static string Quote(string text)
    {
        const int Shown = 40;
        var shown = text.Length > Shown ? text[..Shown] + "…" : text;
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) + "'";
    }
}
