namespace UserMgmt.Sandbox.Acceldata;

/// <summary>ADOC answers writes and errors with {"message": ..., "status": true|false}.</summary>
internal static class Envelope
{
    public static IResult Ok(string message) => Results.Json(new { message, status = true });

    public static IResult Error(int statusCode, string message) =>
        Results.Json(new { message, status = false }, statusCode: statusCode);
}
