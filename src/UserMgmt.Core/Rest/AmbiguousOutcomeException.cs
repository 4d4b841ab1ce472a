using System.Net;

namespace UserMgmt.Rest;

/// <summary>
/// A request that is not safe to repeat (it would create something twice) got no clear answer:
/// the platform may or may not have applied it. The caller must look before trying again.
/// </summary>
public sealed class AmbiguousOutcomeException(string method, string resource, HttpStatusCode? status, string reason)
    : ApiException(method, resource, status, $"{reason}; the platform may or may not have applied it");
