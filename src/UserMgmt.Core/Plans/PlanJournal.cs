using System.Text.Json;
using UserMgmt.Operations;

namespace UserMgmt.Plans;

/// <summary>
/// A JSON-lines file that records each change as it is settled, so an interrupted run can be
/// understood afterwards; running the plan again is safe, as it plans only what still differs.
/// </summary>
public sealed class PlanJournal(string path) : IDisposable
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private readonly object _gate = new();

    public string Path { get; } = path;

    /// <summary>Where the journal goes unless the user says: beside the file the user named for the plan.</summary>
    public static string DefaultPathFor(ReorgPlan plan) => plan.Origin.Length > 0
        ? plan.Origin + ".journal.jsonl"
        : throw new InvalidOperationException("This plan does not come from a file; name the journal file.");

    public void Record(OperationResult result)
    {
        var line = JsonSerializer.Serialize(new
        {
            at = DateTimeOffset.Now,
            change = result.Row,
            operation = result.Operation,
            target = result.Target,
            status = result.Status.ToString(),
            message = result.Message,
        });
        lock (_gate) _writer.WriteLine(line);
    }

    public void Dispose() => _writer.Dispose();
}
