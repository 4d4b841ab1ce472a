using RestSharp;
using RestSharp.Authenticators;
using UserMgmt.Connections;

namespace UserMgmt.Providers.Scim;

/// <summary>SCIM services take a bearer token (RFC 7644 §2); the token is revealed for each request, not kept.</summary>
internal sealed class ScimBearerAuthenticator(ApiCredential credential) : IAuthenticator
{
    public ValueTask Authenticate(IRestClient client, RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("Authorization", "Bearer " + credential.RevealSecret());
        return ValueTask.CompletedTask;
    }
}
