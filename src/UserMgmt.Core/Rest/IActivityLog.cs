namespace UserMgmt.Rest;

/// <summary>
/// Where the engine reports what it does. The cmdlets forward these to the verbose and debug streams
/// on the pipeline thread; every text reaching here has already had secrets removed.
/// </summary>
public interface IActivityLog
{
    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);
}

public sealed class NullActivityLog : IActivityLog
{
    public static readonly NullActivityLog Instance = new();
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
}
