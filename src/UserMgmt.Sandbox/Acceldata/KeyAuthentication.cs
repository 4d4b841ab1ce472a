using System.Security.Cryptography;
using System.Text;

namespace UserMgmt.Sandbox.Acceldata;

/// <summary>Refuses ADOC calls whose accessKey/secretKey headers do not match, with the vendor's 401.</summary>
internal sealed class KeyAuthentication(SandboxOptions options) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/admin/api")
            && !(Matches(context, "accessKey", options.AccessKey) && Matches(context, "secretKey", options.SecretKey)))
        {
            await Envelope.Error(StatusCodes.Status401Unauthorized, "Invalid or missing access key / secret key").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool Matches(HttpContext context, string header, string expected) =>
        context.Request.Headers.TryGetValue(header, out var value)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value.ToString()), Encoding.UTF8.GetBytes(expected));
}
