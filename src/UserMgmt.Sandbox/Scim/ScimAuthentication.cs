using UserMgmt.Sandbox.Access;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Scim;

/// <summary>
/// SCIM takes a bearer token (RFC 7644 §2): the secret key of a key pair, so the demo secret key may do everything
/// and the read-only one only read. Refusals, here and in the endpoints, answer in SCIM's error shape (§3.12).
/// </summary>
internal sealed class ScimAuthentication(ApiKeys keys) : IMiddleware
{
    public const string Prefix = "/scim/v2";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix))
        {
            await next(context);
            return;
        }
        var caller = keys.FindBearer(context.Request.Headers.Authorization.ToString());
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
            await ScimError.Answer(StatusCodes.Status401Unauthorized, null, "Missing or invalid bearer token").ExecuteAsync(context);
            return;
        }
        if (!caller.May(context.Request.Method))
        {
            await ScimError.Answer(StatusCodes.Status403Forbidden, null, "This token may only read").ExecuteAsync(context);
            return;
        }
        caller.AttachTo(context);
        try
        {
            await next(context);
            // Routing and binding refusals come with no body: give them SCIM's.
            if (!context.Response.HasStarted && context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
                    or StatusCodes.Status415UnsupportedMediaType)
                await ScimError.Answer(context.Response.StatusCode, null, context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => $"No resource at {context.Request.Path}",
                    StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not served at {context.Request.Path}",
                    _ => $"Request body must be {ScimJson.ContentType}",
                }).ExecuteAsync(context);
        }
        catch (ScimError e) when (!context.Response.HasStarted)
        {
            await e.Result().ExecuteAsync(context);
        }
        catch (SandboxError e) when (!context.Response.HasStarted)
        {
            await ScimError.Answer(e.StatusCode, null, e.Message).ExecuteAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ScimError.Answer(e.StatusCode, e.StatusCode == StatusCodes.Status400BadRequest ? "invalidSyntax" : null, e.Message).ExecuteAsync(context);
        }
    }
}
