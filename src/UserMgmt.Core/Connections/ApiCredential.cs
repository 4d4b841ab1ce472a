using System.Net;
using System.Security;

namespace UserMgmt.Connections;

/// <summary>
/// A key and its secret. The secret stays a SecureString until the moment a request is signed,
/// and nothing here ever prints it.
/// </summary>
public sealed class ApiCredential(string userName, SecureString secret)
{
    public string UserName { get; } = userName;
    private readonly SecureString _secret = secret;

    internal string RevealSecret() => new NetworkCredential(string.Empty, _secret).Password;

    public override string ToString() => UserName;
}
