namespace UserMgmt.Rest;

/// <summary>
/// Counts the HTTP attempts made for one row and keeps the last status, so its result can say how
/// hard it was. The executor opens one per unit of work; the REST core records into whichever is current.
/// </summary>
public sealed class RequestMetrics
{
    private static readonly AsyncLocal<RequestMetrics?> CurrentMetrics = new();
    private int _attempts;
    private int _lastStatus;

    internal static RequestMetrics? Current => CurrentMetrics.Value;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The HTTP status of the last answer; null when none came (or none was sent).</summary>
    public int? LastStatus => Volatile.Read(ref _lastStatus) is > 0 and var status ? status : null;

    /// <summary>Starts counting for the calling async flow.</summary>
    public static RequestMetrics Begin() => CurrentMetrics.Value = new RequestMetrics();

    internal void Record(int status)
    {
        Interlocked.Increment(ref _attempts);
        Volatile.Write(ref _lastStatus, status);
    }
}
