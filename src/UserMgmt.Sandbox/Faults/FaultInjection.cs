using UserMgmt.Sandbox.Access;
using UserMgmt.Sandbox.Acceldata;

namespace UserMgmt.Sandbox.Faults;

/// <summary>
/// Makes platform calls fail as real platforms do, per the current <see cref="FaultSettings"/>:
/// slow answers, 5xx and 429 answers, and connections reset before or after the change is made.
/// Only calls whose key was accepted get here: the rate limit counts real callers alone.
/// </summary>
public sealed class FaultInjection : IMiddleware
{
    public const string ResetMarker = "sandbox.reset";

    private readonly Lock _gate = new();
    private readonly KeyRateLimiter _limiter = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new();

    public FaultInjection(SandboxOptions options) => Settings = options.Faults;

    public FaultSettings Settings
    {
        get => _settings;
        set
        {
            lock (_gate)
            {
                _settings = value.Validated();
                _random = value.Seed is { } seed ? new Random(seed) : new Random();
            }
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var settings = _settings;
        if (settings.LatencyMs > 0) await Task.Delay(settings.LatencyMs, context.RequestAborted);

        if (settings.RequestsPerSecondPerKey is { } limit && !_limiter.TryAcquire(Caller.Of(context)?.Key ?? "", limit))
        {
            await Refuse(context, StatusCodes.Status429TooManyRequests, 1, "Rate limit exceeded");
            return;
        }

        switch (settings.AppliesTo(context.Request.Method) ? Draw(settings) : Fault.None)
        {
            case Fault.ServerError:
                var status = Coin() ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
                await Refuse(context, status, status == 503 ? settings.RetryAfterSeconds : null, "Service temporarily unavailable");
                return;
            case Fault.Throttle:
                await Refuse(context, StatusCodes.Status429TooManyRequests, settings.RetryAfterSeconds, "Too many requests");
                return;
            case Fault.ResetBefore:
                Reset(context);
                return;
            case Fault.ResetAfter:
                await ProcessThenResetAsync(context, next);
                return;
            default:
                await next(context);
                return;
        }
    }

    private enum Fault { None, ServerError, Throttle, ResetBefore, ResetAfter }

    private Fault Draw(FaultSettings s)
    {
        double roll;
        lock (_gate) roll = _random.NextDouble();
        if ((roll -= s.ServerErrorRate) < 0) return Fault.ServerError;
        if ((roll -= s.ThrottleRate) < 0) return Fault.Throttle;
        if ((roll -= s.ResetBeforeRate) < 0) return Fault.ResetBefore;
        if ((roll -= s.ResetAfterRate) < 0) return Fault.ResetAfter;
        return Fault.None;
    }

    private bool Coin()
    {
        lock (_gate) return _random.Next(2) == 0;
    }

    // The handler runs and commits, but writes into a buffer that is thrown away with the connection.
    private static async Task ProcessThenResetAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        context.Response.Body = new MemoryStream();
        try
        {
            await next(context);
        }
        catch (Exception)
        {
            // Whatever the outcome, the client is to learn nothing of it.
        }
        finally
        {
            context.Response.Body = body;
        }
        Reset(context);
    }

    private static void Reset(HttpContext context)
    {
        context.Items[ResetMarker] = true;
        context.Abort();
    }

    private static async Task Refuse(HttpContext context, int status, int? retryAfterSeconds, string message)
    {
        if (retryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        await Envelope.Error(status, message).ExecuteAsync(context);
    }
}
