using RestSharp;
using RestSharp.Authenticators;
using UserMgmt.Connections;

namespace UserMgmt.Providers.Acceldata;

/// <summary>ADOC signs every request with two headers, accessKey and secretKey; the secret is revealed for each request, not kept.</summary>
internal sealed class AcceldataKeyAuthenticator(ApiCredential credential) : IAuthenticator
{
    public ValueTask Authenticate(IRestClient client, RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("accessKey", credential.UserName);
        request.AddOrUpdateHeader("secretKey", credential.RevealSecret());
        return ValueTask.CompletedTask;
    }
}
