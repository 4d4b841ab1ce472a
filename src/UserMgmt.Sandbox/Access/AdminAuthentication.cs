namespace UserMgmt.Sandbox.Access;

/// <summary>
/// The sandbox's own endpoints change how it answers everyone (faults, canned answers) and show
/// what was sent, so they take a key of their own, printed at start, in the X-Sandbox-Admin-Key header.
/// </summary>
internal sealed class AdminAuthentication(SandboxOptions options) : IMiddleware
{
    public const string Header = "X-Sandbox-Admin-Key";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix)
            && !(context.Request.Headers.TryGetValue(Header, out var key) && ApiKeys.Same(key.ToString(), options.AdminKey!)))
        {
            await Results.Json(new { message = $"The sandbox's admin endpoints need the {Header} header with the admin key printed at start" },
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
