using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using RestSharp;

namespace UserMgmt.Rest;

/// <summary>Which answers are worth another try, and which leave the outcome unknown.</summary>
internal static class TransientFailures
{
    private static readonly HashSet<HttpStatusCode> RetryableStatus =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    public static bool NoAnswer(RestResponse response) => response.StatusCode == 0;

    /// <summary>
    /// Worth trying again. A request that must not be repeated is retried only when the platform
    /// certainly did not act on it: it said "too many" or "unavailable", or the connection never opened.
    /// </summary>
    public static bool IsRetryable(RestResponse response, bool repeatable) => TooLarge(response) is null && (repeatable
        ? NoAnswer(response) || RetryableStatus.Contains(response.StatusCode)
        : response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable || NeverSent(response));

    /// <summary>For a request that must not be repeated: did it fail in a way that may hide a success?</summary>
    public static bool IsAmbiguous(RestResponse response) =>
        (NoAnswer(response) && !NeverSent(response)) || RetryableStatus.Contains(response.StatusCode);

    /// <summary>The answer came but was too large to read; asking again would only download it again.</summary>
    public static ResponseTooLargeException? TooLarge(RestResponse response)
    {
        for (var e = response.ErrorException; e is not null; e = e.InnerException)
            if (e is ResponseTooLargeException tooLarge) return tooLarge;
        return null;
    }

    /// <summary>The connection was refused: the request never reached the platform.</summary>
    public static bool NeverSent(RestResponse response)
    {
        for (var e = response.ErrorException; e is not null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        return false;
    }

    /// <summary>
    /// The wait an answer asks for with Retry-After, and the seconds as the platform gave them (or as
    /// a date comes to); null when it asks for none that makes sense — negative, garbage, a date
    /// already past — so the usual backoff applies.
    /// </summary>
    public static (TimeSpan Wait, string Seconds)? RetryAfter(RestResponse? response)
    {
        var value = response?.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value?.ToString()?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.All(char.IsAsciiDigit))
            // Past eleven digits the wait is beyond TimeSpan, and beyond any cap all the same.
            return (value.Length <= 11 ? TimeSpan.FromSeconds(long.Parse(value, CultureInfo.InvariantCulture)) : TimeSpan.MaxValue, value);
        if (!RetryConditionHeaderValue.TryParse(value, out var parsed) || parsed.Date is not { } at) return null;
        var wait = at - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? (wait, wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)) : null;
    }
}
