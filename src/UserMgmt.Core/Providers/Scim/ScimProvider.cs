using System.Text.Json;
using RestSharp;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// A SCIM 2.0 service (RFC 7643, RFC 7644). What the service supports is read once, when the connection is verified,
/// and the provider adapts: PATCH where supported, otherwise a read of the resource and a PUT of it whole, with
/// If-Match where the service versions resources.
/// </summary>
internal sealed partial class ScimProvider : IUserProvider
{
    private const string ScimJson = "application/scim+json";
    private const int GroupPageSize = 100;
    // Ids one filter names, keeping the query string short.
    private const int IdsPerFilter = 20;
    private const int EmailPageSize = 100;

    /// <summary>Members one PATCH adds or removes: no RFC bound; an assumption that keeps each body small.</summary>
    public const int MembersPerPatch = 100;

    private readonly RestCore _rest;
    private readonly SecretRedactor _redactor;
    private ScimServiceConfig _config = ScimServiceConfig.Minimal;
    private ScimResourceTypes _endpoints = ScimResourceTypes.Default;
    private string Users => _endpoints.Users;
    private string Groups => _endpoints.Groups;
    private readonly ResourceLocks _replacing = new();

    // Attributes the service returns only on request, read by name before a resource is put back whole.
    private IReadOnlyList<string> _userOnRequest = [];
    private IReadOnlyList<string> _groupOnRequest = [];

    public ScimProvider(ConnectionSettings settings)
    {
        _redactor = SecretRedactor.For(settings.Credential);
        _rest = new RestCore(settings.BaseUri, new ScimBearerAuthenticator(settings.Credential), _redactor, settings.Retry);
        // What any SCIM service can do, until the service says what it supports (VerifyAsync).
        Capabilities = PlatformCapabilities;
    }

    internal static readonly ProviderCapabilities PlatformCapabilities = CapabilitiesFor(ScimServiceConfig.Minimal, ScimAttributes.Known);

    public ProviderCapabilities Capabilities { get; private set; }

    private static ProviderCapabilities CapabilitiesFor(ScimServiceConfig config, IReadOnlySet<string> settable) => new()
    {
        Platform = "SCIM",
        // One user a POST; a known userName is refused with 409 (RFC 7644 §3.3, "uniqueness"). Within Bulk the refusal
        // is one row's, so invitees are looked up first there, and a known address is answered as such.
        InvitationsPerCall = 1,
        InvitationRefusesExisting = RowsPerBulkJob(config) is null,
        UserChangesPerJob = RowsPerBulkJob(config),
        JobsAnswerAtOnce = true,
        // A group takes many members in one PATCH, or in one PUT of its member list after reading it.
        MembersPerGroupCall = MembersPerPatch,
        ListsGroupMembers = true,
        FiltersUsersByStatus = config.Filter,
        LargestPage = Math.Min(config.MaxResults ?? 1000, 1000),
        CountsUsers = true,
        KnownStatuses = [UserStatus.Active, UserStatus.Inactive],
        SettableAttributes = settable,
    };

    /// <summary>Reads what the service supports; a one-user page proves the token, since a service may serve its configuration to anyone.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var config = await _rest.SendAsync<JsonElement>(Request("ServiceProviderConfig"), cancellationToken);
        _config = ScimServiceConfig.From(config);
        _endpoints = await ResourceTypesAsync(cancellationToken);
        await _rest.SendAsync(Request(Users).AddQueryParameter("startIndex", 1).AddQueryParameter("count", 1), cancellationToken);
        Capabilities = CapabilitiesFor(_config, await SettableAttributesAsync(cancellationToken));
    }

    /// <summary>Where users and groups are; a service that does not describe its resource types keeps them where the RFC does.</summary>
    private async Task<ScimResourceTypes> ResourceTypesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return ScimResourceTypes.From(await _rest.SendAsync<JsonElement>(Request("ResourceTypes"), cancellationToken));
        }
        catch (ApiException e) when (e is not AuthenticationFailedException && e.StatusCode is not null)
        {
            return ScimResourceTypes.Default;
        }
    }

    /// <summary>
    /// The attributes the service's own schemas say a client may write (RFC 7643 §7), among those commands name; a
    /// service that does not describe its schemas is taken at the RFC's word.
    /// </summary>
    private async Task<IReadOnlySet<string>> SettableAttributesAsync(CancellationToken cancellationToken)
    {
        JsonElement schemas;
        try
        {
            schemas = await _rest.SendAsync<JsonElement>(Request("Schemas"), cancellationToken);
        }
        catch (ApiException e) when (e is not AuthenticationFailedException && e.StatusCode is not null)
        {
            return ScimAttributes.Known;
        }
        _userOnRequest = ScimSchemaList.ReturnedOnRequest(schemas, ScimSchemas.User, [ScimSchemas.User, ScimSchemas.EnterpriseUser]);
        _groupOnRequest = ScimSchemaList.ReturnedOnRequest(schemas, ScimSchemas.Group, [ScimSchemas.Group]);
        var writable = ScimSchemaList.WritableAttributes(schemas, [ScimSchemas.User, ScimSchemas.EnterpriseUser]);
        return writable is null ? ScimAttributes.Known : ScimAttributes.Known.Where(writable.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A request asking for SCIM's own media type first: services must serve it, and plain JSON only should
    /// (RFC 7644 §3.8).
    /// </summary>
    private static RestRequest Request(string resource, Method method = Method.Get) =>
        new RestRequest(resource, method).AddHeader("Accept", $"{ScimJson}, application/json");

    private static RestRequest Json(RestRequest request, object body) =>
        request.AddStringBody(JsonSerializer.Serialize(body, RestCore.Json), ScimJson);

    public void Dispose() => _rest.Dispose();
}
