using System.Text;
using UserMgmt.Sandbox.Access;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>
/// CCAI's Apps API takes HTTP Basic: the tenant's subdomain as user name and the api user's token as
/// password (Google's "Apps API" and "API credentials" pages; the bulk page puts the token in the password).
/// Api users have no roles, so no valid caller is refused a write here.
/// </summary>
internal sealed class BasicAuthentication(ApiKeys keys) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(CcaiEndpoints.Prefix))
        {
            await next(context);
            return;
        }
        if (ApiUser(context) is not { } caller)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"apps-api\"";
            await Results.Json(new { message = "Invalid API user or token" }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        caller.AttachTo(context);
        await next(context);
    }

    private Caller? ApiUser(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        return colon < 0 ? null : keys.FindCcai(decoded[..colon], decoded[(colon + 1)..]);
    }
}
