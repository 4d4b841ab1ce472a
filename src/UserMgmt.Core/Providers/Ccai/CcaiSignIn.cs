using System.Net;
using UserMgmt.Connections;

namespace UserMgmt.Providers.Ccai;

/// <summary>
/// The platform signs in with the tenant's subdomain as user name (P4, P5). The tenant's own address starts
/// with it (https://customer.uc1.ccaiplatform.com), so a credential given without a user name takes it from there.
/// </summary>
internal static class CcaiSignIn
{
    public static ApiCredential Complete(ApiCredential given, Uri baseUri)
    {
        if (!string.IsNullOrWhiteSpace(given.UserName)) return given;
        return SubdomainOf(baseUri) is { } subdomain
            ? given.WithUserName(subdomain)
            : throw new IncompleteCredentialException(
                $"CCAI Platform signs in with the tenant's subdomain as the user name. None was given, and '{baseUri.Host}' does not start with one: "
                + "give the subdomain (customer, for https://customer.uc1.ccaiplatform.com) as the credential's user name.");
    }

    /// <summary>The first label of a host name of three labels or more; none for an address, localhost or a bare domain.</summary>
    internal static string? SubdomainOf(Uri baseUri) =>
        baseUri.HostNameType == UriHostNameType.Dns && !IPAddress.TryParse(baseUri.Host, out _)
            && baseUri.Host.Split('.') is { Length: >= 3 } labels && labels[0].Length > 0
            ? labels[0]
            : null;
}
