namespace UserMgmt.Rest;

/// <summary>
/// The log of the command now running. A connection outlives the commands that use it, so the
/// REST core finds each command's log here (it flows with async calls) instead of keeping one.
/// </summary>
public static class ActivityLogScope
{
    private static readonly AsyncLocal<IActivityLog?> CurrentLog = new();

    public static IActivityLog Current => CurrentLog.Value ?? NullActivityLog.Instance;

    public static IDisposable Begin(IActivityLog log)
    {
        var previous = CurrentLog.Value;
        CurrentLog.Value = log;
        return new Restore(previous);
    }

    private sealed class Restore(IActivityLog? previous) : IDisposable
    {
        public void Dispose() => CurrentLog.Value = previous;
    }
}
