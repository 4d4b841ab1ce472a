using System.Net;

namespace UserMgmt.Rest;

/// <summary>Base of every error the engine raises on purpose.</summary>
public class UserMgmtException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The platform answered with an error, or with something that is not the JSON it should be.
/// Carries the HTTP status, the server's own message and the request that failed.
/// </summary>
public class ApiException(string method, string resource, HttpStatusCode? status, string serverMessage, Exception? inner = null)
    : UserMgmtException(Describe(method, resource, status, serverMessage), inner)
{
    public string Method { get; } = method;
    public string Resource { get; } = resource;
    public HttpStatusCode? StatusCode { get; } = status;
    public string ServerMessage { get; } = serverMessage;

    private static string Describe(string method, string resource, HttpStatusCode? status, string serverMessage) =>
        status is { } code
            ? $"{method} {resource} failed with {(int)code} {code}: {serverMessage}"
            : $"{method} {resource} failed: {serverMessage}";
}

/// <summary>The platform refused the credentials: nothing else can work, so commands stop.</summary>
public sealed class AuthenticationFailedException(string method, string resource, HttpStatusCode status, string serverMessage)
    : ApiException(method, resource, status, serverMessage);

/// <summary>The platform could not be reached at all (refused, reset, timed out): commands stop.</summary>
public sealed class ServiceUnreachableException(string method, string resource, string reason, Exception? inner = null)
    : ApiException(method, resource, null, reason, inner);

/// <summary>
/// The address answered 404 where an endpoint the client needs should be: the base address is wrong (or the
/// platform serves the endpoint elsewhere), not the credentials.
/// </summary>
public sealed class EndpointNotFoundException(string method, string resource, string endpoint, string address, string serverMessage)
    : ApiException(method, resource, HttpStatusCode.NotFound, serverMessage)
{
    public string Address { get; } = address;

    public override string Message =>
        $"The {endpoint} endpoint was not found at {Address} (404 Not Found: {ServerMessage}). Check -BaseUri: it should be the tenant's address.";
}
