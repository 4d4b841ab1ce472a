using System.Collections.Concurrent;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Support;

/// <summary>Keeps every line the engine logs, to check what a user would see with -Verbose and -Debug.</summary>
public sealed class RecordingLog(bool showsVerbose = true, bool showsDebug = true) : IActivityLog
{
    public bool ShowsVerbose => showsVerbose;
    public bool ShowsDebug => showsDebug;
    public ConcurrentQueue<string> Lines { get; } = new();
    public string All => string.Join('\n', Lines);

    public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);
    public void Debug(string message) => Lines.Enqueue("DEBUG: " + message);
    public void Warning(string message) => Lines.Enqueue("WARNING: " + message);
}
