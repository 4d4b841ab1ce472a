namespace UserMgmt.Rest;

/// <summary>
/// How hard to try: retries with exponential backoff and jitter from <see cref="RetryDelay"/>
/// (or the server's Retry-After), and how long one request may take.
/// </summary>
public sealed record RetryPolicy(int MaxRetry, TimeSpan RetryDelay, TimeSpan RequestTimeout)
{
    public static readonly RetryPolicy Default = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));

    /// <summary>This policy with the values a command was given; null keeps the value here.</summary>
    public RetryPolicy With(int? maxRetry, TimeSpan? retryDelay, TimeSpan? requestTimeout) =>
        new(maxRetry ?? MaxRetry, retryDelay ?? RetryDelay, requestTimeout ?? RequestTimeout);
}
