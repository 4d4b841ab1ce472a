using System.Globalization;

namespace UserMgmt.Rest;

/// <summary>
/// The one way an id becomes part of a request's address. Escaping leaves '.' alone, so "." and ".."
/// would survive it and the URI would collapse them into another endpoint (users/.. is the API's
/// root); an empty or blank id would name the whole collection. Those are refused, before anything is sent.
/// </summary>
internal static class PathSegment
{
    public static string Of(string id) =>
        string.IsNullOrWhiteSpace(id) || id is "." or ".." ? throw new UnusableIdException(id) : Uri.EscapeDataString(id);

    public static string Of(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An id that cannot name anything in an address; no request was sent for it.</summary>
public sealed class UnusableIdException(string id)
    : ApiException("-", "-", null, "'.', '..' and blank ids would change the address the request goes to")
{
    public string Id { get; } = id;

    public override string Message => $"The id '{Id}' cannot be used: {ServerMessage}.";
}
