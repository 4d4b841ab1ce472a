namespace UserMgmt.Rest;

/// <summary>
/// Where the engine reports what it does. The cmdlets forward these to the verbose and debug streams
/// on the pipeline thread; every text reaching here has already had secrets removed.
/// </summary>
public interface IActivityLog
{
    /// <summary>Whether verbose lines reach anyone: where they do not, callers skip building them.</summary>
    bool ShowsVerbose => true;

    /// <summary>Whether debug lines reach anyone: where they do not, request and answer bodies are not traced.</summary>
    bool ShowsDebug => true;

    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);
}

public sealed class NullActivityLog : IActivityLog
{
    public static readonly NullActivityLog Instance = new();
    public bool ShowsVerbose => false;
    public bool ShowsDebug => false;
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
}
