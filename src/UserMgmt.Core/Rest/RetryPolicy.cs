namespace UserMgmt.Rest;

/// <summary>
/// How hard to try: retries with exponential backoff and jitter from <see cref="RetryDelay"/>
/// (or the server's Retry-After, up to <see cref="LongestServerWait"/>), and how long one request may take.
/// </summary>
public sealed record RetryPolicy(int MaxRetry, TimeSpan RetryDelay, TimeSpan RequestTimeout)
{
    /// <summary>The longest a platform's Retry-After is waited for; asked to wait longer, the call fails instead.</summary>
    public static readonly TimeSpan MaxServerWait = TimeSpan.FromMinutes(2);

    /// <summary><see cref="MaxServerWait"/>, or the retry delay when the command itself waits longer than that.</summary>
    public TimeSpan LongestServerWait => RetryDelay > MaxServerWait ? RetryDelay : MaxServerWait;

    public static readonly RetryPolicy Default = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));

    /// <summary>This policy with the values a command was given; null keeps the value here.</summary>
    public RetryPolicy With(int? maxRetry, TimeSpan? retryDelay, TimeSpan? requestTimeout) =>
        new(maxRetry ?? MaxRetry, retryDelay ?? RetryDelay, requestTimeout ?? RequestTimeout);
}
