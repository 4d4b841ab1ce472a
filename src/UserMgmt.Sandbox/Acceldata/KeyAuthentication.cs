using UserMgmt.Sandbox.Access;

namespace UserMgmt.Sandbox.Acceldata;

/// <summary>
/// Refuses ADOC calls whose accessKey/secretKey headers match no key pair with the vendor's 401,
/// and writes with a read-only pair with its 403.
/// </summary>
internal sealed class KeyAuthentication(ApiKeys keys) : IMiddleware
{
    public const string Prefix = "/admin/api";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix))
        {
            await next(context);
            return;
        }
        var headers = context.Request.Headers;
        var caller = keys.Find(headers.TryGetValue("accessKey", out var key) ? key.ToString() : null,
            headers.TryGetValue("secretKey", out var secret) ? secret.ToString() : null);
        if (caller is null)
        {
            await Envelope.Error(StatusCodes.Status401Unauthorized, "Invalid or missing access key / secret key").ExecuteAsync(context);
            return;
        }
        if (!caller.May(context.Request.Method))
        {
            await Envelope.Error(StatusCodes.Status403Forbidden, "This API key is read-only").ExecuteAsync(context);
            return;
        }
        caller.AttachTo(context);
        await next(context);
    }
}
