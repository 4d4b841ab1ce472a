using System.Net;
using System.Security;
using System.Text;

namespace UserMgmt.Connections;

/// <summary>
/// A key and its secret. The secret stays a SecureString: it is revealed only to sign one request
/// (and once, when the connection opens, for the redactor to fingerprint), and the clear copy is let
/// go at once. .NET cannot wipe a string, so that copy lingers unreachable until memory is reused;
/// nothing keeps it reachable, and nothing here ever prints it.
/// </summary>
public sealed class ApiCredential(string userName, SecureString secret)
{
    public string UserName { get; } = userName;
    private readonly SecureString _secret = secret;

    /// <summary>The same secret under another user name.</summary>
    internal ApiCredential WithUserName(string userName) => new(userName, _secret);

    /// <summary>How long the secret is, without revealing it.</summary>
    internal int SecretLength => _secret.Length;

    /// <summary>How long the secret is without white space around it, which a header loses on the way and a key never holds.</summary>
    internal int SecretLengthTrimmed => RevealSecret().Trim().Length;

    internal string RevealSecret() => new NetworkCredential(string.Empty, _secret).Password;

    /// <summary>HTTP Basic's token for this key and secret, built anew for each use for the same reason.</summary>
    internal string RevealBasicToken() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{RevealSecret()}"));

    public override string ToString() => UserName;
}
