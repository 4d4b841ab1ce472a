using UserMgmt.Sandbox.Faults;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>CCAI allows each customer 10 requests a second; beyond that it answers 429.</summary>
internal sealed class CcaiRateLimit(SandboxOptions options) : IMiddleware
{
    private readonly KeyRateLimiter _limiter = new();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(CcaiEndpoints.Prefix)
            && options.CcaiRequestsPerSecond > 0
            && !_limiter.TryAcquire(context.Items[BasicAuthentication.ApiUserItem] as string ?? "", options.CcaiRequestsPerSecond))
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Json(new { message = "Rate limit of 10 requests per second exceeded" }, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
