using RestSharp;
using RestSharp.Authenticators;
using UserMgmt.Connections;

namespace UserMgmt.Providers.Ccai;

/// <summary>
/// HTTP Basic with the tenant's subdomain as user name and the api user's token as password, as the vendor
/// states it; built for each request so the token is not kept in clear.
/// </summary>
internal sealed class CcaiBasicAuthenticator(ApiCredential credential) : IAuthenticator
{
    public ValueTask Authenticate(IRestClient client, RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("Authorization", "Basic " + credential.RevealBasicToken());
        return ValueTask.CompletedTask;
    }
}
