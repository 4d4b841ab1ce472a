using Microsoft.AspNetCore.Routing.Patterns;
using UserMgmt.Sandbox.Acceldata;
using UserMgmt.Sandbox.Store;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox;

/// <summary>
/// Logs every platform call with the route it matched, and turns refusals and crashes into the
/// vendor's error envelope.
/// </summary>
internal sealed class RequestRecording(RequestLog log, SandboxVariants variants, ILogger<RequestRecording> logger) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var isApiCall = !context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix);
        var arrivedAt = DirectoryStore.Now;
        try
        {
            await next(context);
            // A body of a media type a typed endpoint does not read is refused by the framework with no body at all.
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted)
                await Envelope.Error(StatusCodes.Status415UnsupportedMediaType, "Request body must be application/json").ExecuteAsync(context);
        }
        catch (SandboxError e)
        {
            await Envelope.Error(RefusalStatus(context.Request, e.StatusCode), e.Message).ExecuteAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // A body over the size limit, or a query or body value of the wrong type: the client's mistake, named.
            await Envelope.Error(e.StatusCode, e.Message).ExecuteAsync(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await Envelope.Error(StatusCodes.Status500InternalServerError, "Internal server error").ExecuteAsync(context);
        }
        finally
        {
            // A reset connection answered nothing: it is logged with status 0. Queued before the answer completes,
            // so a count asked for after the answer arrived includes it.
            if (isApiCall)
                log.Record(context.Request.Method, context.Request.Path + context.Request.QueryString,
                    EndpointName(context), context.Items.ContainsKey(Faults.FaultInjection.ResetMarker) ? 0 : context.Response.StatusCode, arrivedAt);
        }
    }

    // Under error-envelope-with-200, Acceldata's refused writes come back as 200 and only the envelope says so.
    private int RefusalStatus(HttpRequest request, int statusCode) =>
        variants.Has(SandboxVariant.ErrorEnvelopeWith200) && request.Path.StartsWithSegments(KeyAuthentication.Prefix)
        && !HttpMethods.IsGet(request.Method) ? StatusCodes.Status200OK : statusCode;

    private static string EndpointName(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint route ? "/" + route.RoutePattern.RawText?.TrimStart('/') : context.Request.Path.ToString();
}
