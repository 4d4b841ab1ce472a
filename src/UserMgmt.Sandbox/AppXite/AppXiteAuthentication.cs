using UserMgmt.Sandbox.Access;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.AppXite;

/// <summary>
/// AppXite's APIs take a bearer token and a subscription key in Ocp-Apim-Subscription-Key: the token is the secret key of
/// a key pair (the read-only one may only read), the subscription key the demo's. Refusals answer {"message": "…"}.
/// </summary>
internal sealed class AppXiteAuthentication(ApiKeys keys) : IMiddleware
{
    public const string Prefix = "/appxite";
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix))
        {
            await next(context);
            return;
        }
        if (!ApiKeys.Same(context.Request.Headers[KeyHeader].ToString(), SandboxOptions.DemoSubscriptionKey))
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, $"Access denied due to missing or invalid subscription key. Make sure to include it in the {KeyHeader} header.");
            return;
        }
        var caller = keys.FindBearer(context.Request.Headers.Authorization.ToString());
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Refuse(context, StatusCodes.Status401Unauthorized, "Missing or invalid bearer token");
            return;
        }
        if (!caller.May(context.Request.Method))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "This token may only read");
            return;
        }
        caller.AttachTo(context);
        try
        {
            await next(context);
        }
        catch (SandboxError e) when (!context.Response.HasStarted)
        {
            await Refuse(context, e.StatusCode, e.Message);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Refuse(context, e.StatusCode, e.Message);
        }
    }

    private static Task Refuse(HttpContext context, int status, string message) =>
        Results.Json(new { statusCode = status, message }, statusCode: status).ExecuteAsync(context);
}
