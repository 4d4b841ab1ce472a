using System.Globalization;
using System.Management.Automation;
using CsvHelper;
using CsvHelper.Configuration;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// Rows shaped as Import-Csv makes them (which the hosted engine does not carry): one PSCustomObject a
/// line, a string property for each header as written, empty cells as empty strings.
/// </summary>
public static class CsvRows
{
    public static List<PSObject> From(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture));
        reader.Read();
        reader.ReadHeader();
        var headers = reader.HeaderRecord!;
        var rows = new List<PSObject>();
        while (reader.Read())
        {
            var row = new PSObject();
            foreach (var header in headers) row.Properties.Add(new PSNoteProperty(header, reader.GetField(header) ?? string.Empty));
            rows.Add(row);
        }
        return rows;
    }
}
