using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>A change that cannot be put in SCIM's terms (two values for a single-valued attribute, an unknown manager): nothing was sent.</summary>
internal sealed class ScimRowRefusedException(string reason) : ApiException("-", "-", null, reason)
{
    public override string Message => ServerMessage + ".";
}
