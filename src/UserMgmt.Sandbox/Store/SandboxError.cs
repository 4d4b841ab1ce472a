namespace UserMgmt.Sandbox.Store;

/// <summary>A refusal the emulated API answers with its own status code and message.</summary>
public sealed class SandboxError(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static SandboxError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static SandboxError NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static SandboxError Conflict(string message) => new(StatusCodes.Status409Conflict, message);
    public static SandboxError Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);
    public static SandboxError Unprocessable(string message) => new(StatusCodes.Status422UnprocessableEntity, message);
    public static SandboxError UnsupportedMediaType(string message) => new(StatusCodes.Status415UnsupportedMediaType, message);
}
