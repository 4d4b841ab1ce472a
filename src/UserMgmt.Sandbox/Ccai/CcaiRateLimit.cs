using UserMgmt.Sandbox.Access;
using UserMgmt.Sandbox.Faults;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>
/// CCAI allows "10 request per second per customer" (P4): every api user of a tenant shares them, so they are
/// counted by the tenant's subdomain, not by token. Beyond that it answers 429. Runs after the key check, so only real callers count.
/// </summary>
internal sealed class CcaiRateLimit(SandboxOptions options) : IMiddleware
{
    private readonly KeyRateLimiter _limiter = new();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(CcaiEndpoints.Prefix)
            && options.CcaiRequestsPerSecond > 0
            && Caller.Of(context) is not null
            && !_limiter.TryAcquire(options.CcaiSubdomain, options.CcaiRequestsPerSecond))
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Json(new { message = $"Rate limit of {options.CcaiRequestsPerSecond} requests per second exceeded" },
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
