namespace UserMgmt.Bulk;

/// <summary>
/// Why a bulk file, or one row of it, cannot be used, and where: the line and column as an editor shows
/// them, the row and field as a spreadsheet does. What is not known is left out.
/// </summary>
public sealed record BulkFileProblem(string File, string Message)
{
    /// <summary>The line in the file, from 1.</summary>
    public int? Line { get; init; }

    /// <summary>The character within the line, from 1.</summary>
    public int? Column { get; init; }

    /// <summary>The user row, from 1: records below a CSV header, or items of a JSON array.</summary>
    public int? Row { get; init; }

    /// <summary>The column's header or the property's name, as the file spells it.</summary>
    public string? Field { get; init; }

    public override string ToString()
    {
        var where = new List<string> { File };
        if (Line is { } line) where.Add(Column is { } column ? $"line {line}, column {column}" : $"line {line}");
        if (Row is { } row) where.Add($"row {row}");
        if (Field is not null) where.Add($"field '{Field}'");
        return $"{string.Join(", ", where)}: {Message}";
    }
}
