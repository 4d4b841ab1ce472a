namespace UserMgmt.Rest;

/// <summary>
/// Keeps credentials off the wire in clear text unless the caller has said so, and out of the
/// address itself. Its messages never repeat the address whole: what was typed may hold a password.
/// </summary>
public static class BaseUriPolicy
{
    public static Uri Validate(Uri baseUri, bool allowInsecureHttp)
    {
        if (!baseUri.IsAbsoluteUri)
            throw new ArgumentException("The base URI must be an absolute http or https address, such as https://tenant.example.com.", nameof(baseUri));
        // Checked first: the other messages name parts of the address.
        if (!string.IsNullOrEmpty(baseUri.UserInfo))
            throw new ArgumentException(
                "The base URI must not carry a user name or password (user:password@host): they would be sent and shown with the address. " +
                "Give them as -Credential, or -AccessKey and -SecretKey.", nameof(baseUri));
        if (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException(
                $"The base URI must be an absolute http or https address, such as https://tenant.example.com; it starts with '{baseUri.Scheme}:'.", nameof(baseUri));
        if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !allowInsecureHttp)
            throw new ArgumentException(
                $"Refusing to send credentials in clear text to '{baseUri.Host}' over http. " +
                "Use an https address, or allow insecure http explicitly (-AllowInsecureHttp).", nameof(baseUri));
        return baseUri;
    }
}
