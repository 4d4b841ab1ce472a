using RestSharp;
using RestSharp.Authenticators;
using UserMgmt.Connections;

namespace UserMgmt.Providers.AppXite;

/// <summary>AppXite's APIs take a bearer token and a subscription key in a header of their own; each is revealed per request.</summary>
internal sealed class AppXiteAuthenticator(ApiCredential credential, string keyHeader, string? subscriptionKey) : IAuthenticator
{
    public ValueTask Authenticate(IRestClient client, RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("Authorization", "Bearer " + credential.RevealSecret());
        if (subscriptionKey is not null) request.AddOrUpdateHeader(keyHeader, subscriptionKey);
        return ValueTask.CompletedTask;
    }
}
