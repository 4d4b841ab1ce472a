using System.Security.Cryptography;
using System.Text;

namespace UserMgmt.Sandbox.Access;

/// <summary>
/// The key pairs the emulated platforms accept: the demo pair, which may do everything, and a
/// read-only pair. ADOC takes a pair as accessKey/secretKey headers; CCAI takes each pair's secret
/// as the token of an api user of its one tenant.
/// </summary>
internal sealed class ApiKeys(SandboxOptions options)
{
    private readonly (string Key, string Secret, KeyScope Scope)[] _pairs =
    [
        (options.AccessKey, options.SecretKey, KeyScope.ReadWrite),
        (options.ReadOnlyAccessKey, options.ReadOnlySecretKey, KeyScope.ReadOnly),
    ];

    /// <summary>The caller this pair belongs to, or null. Every pair is compared, in fixed time, so timing tells nothing.</summary>
    public Caller? Find(string? key, string? secret)
    {
        Caller? found = null;
        foreach (var pair in _pairs)
            if (Same(key, pair.Key) & Same(secret, pair.Secret)) found = new Caller(pair.Key, pair.Scope);
        return found;
    }

    /// <summary>
    /// CCAI's caller: the user name must be the tenant's subdomain, and the token alone names the api user.
    /// Both are compared in fixed time. Every api user may write: S1 says "the api_user does not have roles
    /// and permissions, so all api_users can perform bulk_user management".
    /// </summary>
    public Caller? FindCcai(string? userName, string? token)
    {
        Caller? found = null;
        foreach (var pair in _pairs)
            if (Same(userName, options.CcaiSubdomain) & Same(token, pair.Secret)) found = new Caller(pair.Key, KeyScope.ReadWrite);
        return found;
    }

    /// <summary>
    /// The caller of an "Authorization: Bearer" header whose token is a pair's secret (SCIM, AppXite), or null; the
    /// read-only secret may only read. Every pair is compared, in fixed time.
    /// </summary>
    public Caller? FindBearer(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = header["Bearer ".Length..].Trim();
        Caller? found = null;
        foreach (var pair in _pairs)
            if (Same(token, pair.Secret)) found = new Caller(pair.Key, pair.Scope);
        return found;
    }

    public static bool Same(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
