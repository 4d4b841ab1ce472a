using System.Globalization;
using System.Text;

namespace UserMgmt.Benchmarks.Throughput;

/// <summary>One approach's figure in a cell: the median rate of its runs, and what qualifies it.</summary>
public sealed record Rate(double RowsPerSecond, string Note = "")
{
    public static Rate MedianOf(IReadOnlyList<double> rates, string note = "") => new(Report.Median(rates), note);
}

/// <summary>One row of the table.</summary>
public sealed record Cell(Scenario Scenario, int Rows, int Concurrency, Rate Naive, Rate Ceiling, Rate Engine, Rate? EngineMemberLists = null);

public static class Report
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values to take the median of.", nameof(values));
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Table(IEnumerable<Cell> cells)
    {
        var text = new StringBuilder();
        text.AppendLine("| Command | Rows | Naive loop (rows/s) | Hand-batched ceiling (rows/s) | Engine (rows/s) | Engine % of ceiling | Engine × naive | Engine, member lists (rows/s) | Member lists % of ceiling |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var cell in cells)
        {
            var lists = cell.EngineMemberLists ?? new Rate(double.NaN);
            text.AppendLine(string.Create(Culture,
                $"| {cell.Scenario.Title} | {cell.Rows:N0} | {Figure(cell.Naive)} | {Figure(cell.Ceiling)} | {Figure(cell.Engine)} | " +
                $"{Percent(cell.Engine, cell.Ceiling)} | {Ratio(cell.Engine, cell.Naive, r => r.ToString("0.0", Culture) + "×")} | " +
                $"{Figure(lists)} | {Percent(lists, cell.Ceiling)} |"));
        }
        return text.ToString();
    }

    private static string Percent(Rate over, Rate under) => Ratio(over, under, r => r.ToString("0%", Culture));

    private static string Figure(Rate rate) =>
        double.IsFinite(rate.RowsPerSecond) ? rate.RowsPerSecond.ToString("N0", Culture) + (rate.Note.Length > 0 ? " " + rate.Note : "") : "–";

    private static string Ratio(Rate over, Rate under, Func<double, string> format) =>
        double.IsFinite(over.RowsPerSecond) && double.IsFinite(under.RowsPerSecond) && under.RowsPerSecond > 0
            ? format(over.RowsPerSecond / under.RowsPerSecond)
            : "–";

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", Culture) + " MB";
}
