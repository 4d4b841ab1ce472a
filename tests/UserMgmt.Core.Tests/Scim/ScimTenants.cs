using System.Security;
using UserMgmt.Connections;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests.Scim;

/// <summary>The SCIM peer's configurations every scenario runs on, and connecting to one as a user would.</summary>
public static class ScimTenants
{
    public static TheoryData<string> All() => ["full", "no-patch", "no-patch+etag", "no-bulk+small-pages"];

    public static ScimPeerOptions Options(string tenant) => tenant switch
    {
        "full" => new ScimPeerOptions(),
        "no-patch" => new ScimPeerOptions { Patch = false },
        "no-patch+etag" => new ScimPeerOptions { Patch = false, ETag = true },
        "no-bulk+small-pages" => new ScimPeerOptions { Bulk = false, MaxResults = 7 },
        _ => throw new ArgumentException($"No tenant '{tenant}'."),
    };

    public static Task<UserMgmtConnection> ConnectAsync(ScimPeer peer) => ConnectAsync(peer.BaseUri, peer.Token);

    public static Task<UserMgmtConnection> ConnectAsync(Uri baseUri, string bearerToken)
    {
        var token = new SecureString();
        foreach (var c in bearerToken) token.AppendChar(c);
        return UserMgmtConnection.OpenAsync(new ConnectionSettings
        {
            Provider = "Scim",
            BaseUri = baseUri,
            Credential = new ApiCredential("", token),
            Retry = TestSandbox.QuickRetry,
        }, CancellationToken.None);
    }
}
