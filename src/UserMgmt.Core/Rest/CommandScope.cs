namespace UserMgmt.Rest;

/// <summary>
/// What the command now running asks of the REST core: where its log goes and, when the command
/// overrides the connection's, its retry policy. A connection outlives the commands that use it, so
/// these travel with the command's async calls instead of living on the connection.
/// </summary>
public static class CommandScope
{
    private static readonly AsyncLocal<Frame?> Current = new();

    public static IActivityLog Log => Current.Value?.Log ?? NullActivityLog.Instance;

    /// <summary>The command's retry policy, or null to use the connection's.</summary>
    public static RetryPolicy? Retry => Current.Value?.Retry;

    public static IDisposable Begin(IActivityLog log, RetryPolicy? retry = null)
    {
        var previous = Current.Value;
        Current.Value = new Frame(log, retry);
        return new Restore(previous);
    }

    private sealed record Frame(IActivityLog Log, RetryPolicy? Retry);

    private sealed class Restore(Frame? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
