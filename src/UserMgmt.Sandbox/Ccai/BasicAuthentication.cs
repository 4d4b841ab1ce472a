using System.Security.Cryptography;
using System.Text;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>CCAI's Apps API takes HTTP Basic: the api user's key as user name and its token as password.</summary>
internal sealed class BasicAuthentication(SandboxOptions options) : IMiddleware
{
    public const string ApiUserItem = "ccai.apiUser";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(CcaiEndpoints.Prefix))
        {
            await next(context);
            return;
        }
        if (ApiUser(context) is not { } user)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"apps-api\"";
            await Results.Json(new { message = "Invalid API user or token" }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        context.Items[ApiUserItem] = user;
        await next(context);
    }

    private string? ApiUser(HttpContext context)
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
        if (colon < 0) return null;
        var (user, token) = (decoded[..colon], decoded[(colon + 1)..]);
        return Same(user, options.AccessKey) && Same(token, options.SecretKey) ? user : null;
    }

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
