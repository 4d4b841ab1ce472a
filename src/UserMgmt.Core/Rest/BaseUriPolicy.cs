namespace UserMgmt.Rest;

/// <summary>Keeps credentials off the wire in clear text unless the caller has said so.</summary>
public static class BaseUriPolicy
{
    public static Uri Validate(Uri baseUri, bool allowInsecureHttp)
    {
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The base URI '{baseUri}' must be an absolute http or https address.", nameof(baseUri));
        if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !allowInsecureHttp)
            throw new ArgumentException(
                $"Refusing to send credentials in clear text to '{baseUri.Host}' over http. " +
                "Use an https address, or allow insecure http explicitly (-AllowInsecureHttp).", nameof(baseUri));
        return baseUri;
    }
}
