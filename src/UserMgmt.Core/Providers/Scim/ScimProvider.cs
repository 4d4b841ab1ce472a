using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RestSharp;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// A SCIM 2.0 service (RFC 7643, RFC 7644). What the service supports is read once, when the connection is verified,
/// and the provider adapts: PATCH where supported, otherwise a read of the resource and a PUT of it whole, with
/// If-Match where the service versions resources.
/// </summary>
internal sealed class ScimProvider : IUserProvider
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
        // One user a POST; a known userName is refused with 409 (RFC 7644 §3.3, "uniqueness").
        InvitationsPerCall = 1,
        InvitationRefusesExisting = true,
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
        var writable = ScimSchemaList.WritableAttributes(schemas, [ScimSchemas.User, ScimSchemas.EnterpriseUser]);
        return writable is null ? ScimAttributes.Known : ScimAttributes.Known.Where(writable.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken) =>
        ListUsersAsync(search, null, offset, pageSize, cancellationToken);

    public async Task<UserPage> ListUsersAsync(string? search, bool? enabled, int offset, int pageSize, CancellationToken cancellationToken)
    {
        if (!_config.Filter && (!string.IsNullOrEmpty(search) || enabled is not null))
            return await ListMatchingUsersAsync(search, enabled, offset, pageSize, cancellationToken);
        var page = await UserListPageAsync(_config.Filter ? UserFilter(search, enabled) : null, new PageRequest(0, offset, pageSize), cancellationToken);
        return page.ReadToTotal
            ? new UserPage(page.Items, page.Total!.Value) { ReadToTotal = true }
            : new UserPage(page.Items, offset + page.Items.Count + (page.Items.Count == pageSize ? 1 : 0));
    }

    private async Task<PageRead<User>> UserListPageAsync(string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var request = Request(Users).AddQueryParameter("startIndex", page.Offset + 1).AddQueryParameter("count", page.Size);
        if (filter is not null) request.AddQueryParameter("filter", filter);
        var list = await _rest.SendAsync<ScimListResponse<ScimUserDto>>(request, cancellationToken);
        var users = await MappedUsersAsync(list.Resources ?? [], cancellationToken);
        var total = list.TotalResults is { } t && t >= page.Offset + users.Count ? t : (int?)null;
        return new PageRead<User>(users, total, ReadToTotal: total is not null);
    }

    /// <summary>
    /// A service without filters answers every user, so the matches are kept here. Its pages count its users, not the
    /// matches: the matches before <paramref name="offset"/> are found by reading from the first user, page by page
    /// with the guards of any paging loop, and a page without a match is read past.
    /// </summary>
    private async Task<UserPage> ListMatchingUsersAsync(string? search, bool? enabled, int offset, int pageSize, CancellationToken cancellationToken)
    {
        var kept = new List<User>();
        var skipped = 0;
        await foreach (var page in PageReader.ReadAsync("users", u => u.Id, pageSize, null, (p, ct) => UserListPageAsync(null, p, ct), cancellationToken))
            foreach (var user in page.Items.Where(u => Matches(u, search, enabled)))
            {
                if (skipped++ < offset) continue;
                kept.Add(user);
                if (kept.Count == pageSize) return new UserPage(kept, offset + kept.Count + 1);
            }
        return new UserPage(kept, offset + kept.Count);
    }

    /// <summary>A whole address is looked for exactly, as userName or as any of the user's addresses; other text as part of them.</summary>
    private static string? UserFilter(string? search, bool? enabled)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(search))
            parts.Add("(" + (InputText.IsValidEmail(search)
                ? ScimFilter.AnyOf([ScimFilter.Equal("userName", search), ScimFilter.Equal("emails.value", search)])
                : ScimFilter.AnyOf([ScimFilter.Contains("userName", search), ScimFilter.Contains("emails.value", search), ScimFilter.Contains("displayName", search)])) + ")");
        if (enabled is { } flag) parts.Add($"active eq {(flag ? "true" : "false")}");
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static bool Matches(User user, string? search, bool? enabled) =>
        (string.IsNullOrEmpty(search) || user.Email.Contains(search, StringComparison.OrdinalIgnoreCase) || user.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase))
        && (enabled is null || (user.Status != UserStatus.Inactive) == enabled);

    /// <summary>Users as read; where a service leaves "groups" out of its users (it is optional), they are found from the groups' members.</summary>
    private async Task<List<User>> MappedUsersAsync(IReadOnlyList<ScimUserDto> dtos, CancellationToken cancellationToken)
    {
        var groupsOf = dtos.Any(d => d.Groups is null) ? await GroupsOfUsersAsync(cancellationToken) : null;
        return _redactor.Mapped(() => dtos.Select(d => ScimMapper.ToUser(d, groupsOf is null ? null : id => groupsOf.GetValueOrDefault(id) ?? [])).ToList());
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> GroupsOfUsersAsync(CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in await ReadGroupsAsync(cancellationToken))
            foreach (var member in (group.Members ?? []).Select(m => m.Value).OfType<string>().Distinct())
            {
                if (!index.TryGetValue(member, out var names)) index[member] = names = [];
                names.Add(group.DisplayName ?? group.Id ?? "");
            }
        return index.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal);
    }

    public async Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var dto = await _rest.SendAsync<ScimUserDto>(Request(UserResource(userId)), cancellationToken);
            dto.Id ??= userId;
            return (await MappedUsersAsync([dto], cancellationToken))[0];
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound || e is UnusableIdException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken)
    {
        var dtos = await ReadGroupsAsync(cancellationToken);
        return _redactor.Mapped(() => dtos.Select(ScimMapper.ToGroup).ToList());
    }

    /// <summary>Every group, page by page (1-based startIndex, RFC 7644 §3.4.2.4), as the service sends them.</summary>
    private async Task<List<ScimGroupDto>> ReadGroupsAsync(CancellationToken cancellationToken)
    {
        var groups = new List<ScimGroupDto>();
        await foreach (var page in PageReader.ReadAsync("groups", g => g.Id ?? "", GroupPageSize, null, GroupPageAsync, cancellationToken))
            groups.AddRange(page.Items);
        return groups;
    }

    private async Task<PageRead<ScimGroupDto>> GroupPageAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var request = Request(Groups).AddQueryParameter("startIndex", page.Offset + 1).AddQueryParameter("count", page.Size);
        var list = await _rest.SendAsync<ScimListResponse<ScimGroupDto>>(request, cancellationToken);
        var groups = list.Resources ?? [];
        var total = list.TotalResults is { } t && t >= page.Offset + groups.Count ? t : (int?)null;
        return new PageRead<ScimGroupDto>(groups, total, ReadToTotal: total is not null);
    }

    public async Task<IReadOnlyList<User>> ListGroupMembersAsync(Group group, CancellationToken cancellationToken)
    {
        var details = await _rest.SendAsync<ScimGroupDto>(Request($"{Groups}/{PathSegment.Of(group.Id)}"), cancellationToken);
        var ids = (details.Members ?? []).Select(m => m.Value).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var members = new List<User>();
        // No more ids a filter than one answer may hold: a service returns at most filter.maxResults (RFC 7643 §5)
        // whatever count asks for (RFC 7644 §3.4.2.4), and the rest would be lost.
        foreach (var chunk in ids.Chunk(Math.Min(IdsPerFilter, _config.MaxResults ?? IdsPerFilter)))
        {
            if (!_config.Filter)
            {
                foreach (var id in chunk)
                    if (await GetUserAsync(id, cancellationToken) is { } user) members.Add(user);
                continue;
            }
            // A service keeping to smaller pages than it announced sends the rest on the next page, which is read too.
            var filter = ScimFilter.AnyOf(chunk.Select(id => ScimFilter.Equal("id", id)));
            var found = 0;
            await foreach (var page in PageReader.ReadAsync("members", u => u.Id, chunk.Length, null, (p, ct) => UserListPageAsync(filter, p, ct), cancellationToken))
            {
                // Only those asked for: a service that ignored the filter would otherwise pass strangers off as members.
                var asked = page.Items.Where(u => chunk.Contains(u.Id)).ToList();
                members.AddRange(asked);
                if ((found += asked.Count) >= chunk.Length) break;
            }
        }
        return members.DistinctBy(u => u.Id).ToList();
    }

    public async Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken)
    {
        // The core Group schema has no description (RFC 7643 §4.2): only the name goes.
        var body = new Dictionary<string, object> { ["schemas"] = new[] { ScimSchemas.Group }, ["displayName"] = name, ["members"] = Array.Empty<object>() };
        var created = await _rest.SendAsync<ScimGroupDto>(Json(Request(Groups, Method.Post), body), cancellationToken);
        return _redactor.Mapped(() => ScimMapper.ToGroup(created));
    }

    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken) =>
        _rest.SendAsync(Request($"{Groups}/{PathSegment.Of(groupId)}", Method.Delete), cancellationToken);

    /// <summary>
    /// SCIM has no invitation: the user is created (RFC 7644 §3.3), active, as identity providers provision accounts,
    /// and the service's own sign-up mail, if any, follows; then joined to the groups. A known userName answers 409.
    /// </summary>
    public async Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken)
    {
        foreach (var invitee in invitees)
        {
            var body = new Dictionary<string, object>
            {
                ["schemas"] = new[] { ScimSchemas.User },
                ["userName"] = invitee.Email,
                ["emails"] = new[] { new Dictionary<string, object> { ["value"] = invitee.Email, ["type"] = "work", ["primary"] = true } },
                ["active"] = true,
            };
            if (invitee.FirstName is not null || invitee.LastName is not null)
                body["name"] = new Dictionary<string, string?> { ["givenName"] = invitee.FirstName, ["familyName"] = invitee.LastName };
            var created = await _rest.SendAsync<ScimUserDto>(Json(Request(Users, Method.Post), body), cancellationToken);
            var id = created.Id ?? throw new FormatException($"The service created '{invitee.Email}' but answered with no id.");
            await AddUserToGroupsAsync(id, groups, cancellationToken);
        }
    }

    public async Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken)
    {
        foreach (var group in groups) await ChangeGroupMembersAsync(group, [userId], add: true, cancellationToken);
    }

    public async Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken)
    {
        foreach (var group in groups) await ChangeGroupMembersAsync(group, [userId], add: false, cancellationToken);
    }

    /// <summary>
    /// PATCH add or remove of members (RFC 7644 §3.5.2); where the service has no PATCH, its member list is read and
    /// put back with these users added or taken out, so nobody else is dropped.
    /// </summary>
    public Task ChangeGroupMembersAsync(Group group, IReadOnlyList<string> userIds, bool add, CancellationToken cancellationToken)
    {
        var resource = $"{Groups}/{PathSegment.Of(group.Id)}";
        IReadOnlyList<ScimPatchOperation> operations = add
            ? [new ScimPatchOperation { Op = "add", Path = "members", Value = userIds.Select(id => new Dictionary<string, string> { ["value"] = id }).ToArray() }]
            : userIds.Select(id => new ScimPatchOperation { Op = "remove", Path = $"members[value eq {ScimFilter.Quoted(id)}]" }).ToList();
        return ChangeAsync(resource, operations, group =>
        {
            var members = group["members"] as JsonArray ?? [];
            var held = members.Select(m => JsonText.Of(m?["value"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (add)
            {
                foreach (var id in userIds.Where(id => !held.Contains(id))) members.Add(new JsonObject { ["value"] = id });
            }
            else
            {
                foreach (var member in members.Where(m => JsonText.Of(m?["value"]) is { } id && userIds.Contains(id)).ToList()) members.Remove(member);
            }
            group["members"] = members.DeepClone();
        }, cancellationToken, list: "members");
    }

    public Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken) =>
        new ScimAttributeWriter(this, userId).WriteAsync(attributes, cancellationToken);

    public Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken) =>
        ChangeAsync(UserResource(userId), [new ScimPatchOperation { Op = "replace", Path = "active", Value = enabled }],
            user => user["active"] = enabled, cancellationToken);

    /// <summary>
    /// A PATCH of these operations where the service supports it, otherwise the resource read, changed and put back.
    /// A service that said it supports PATCH but answers 501 or 405 changed nothing: this change, and the rest of the
    /// connection's, go by reading and putting back.
    /// </summary>
    internal string UserResource(string userId) => $"{Users}/{PathSegment.Of(userId)}";

    internal async Task ChangeAsync(string resource, IReadOnlyList<ScimPatchOperation> operations, Action<JsonObject> change,
        CancellationToken cancellationToken, string? list = null)
    {
        if (_config.Patch)
        {
            try
            {
                await PatchAsync(resource, operations, cancellationToken);
                return;
            }
            catch (ApiException e) when (e.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.MethodNotAllowed)
            {
                CommandScope.Log.Verbose($"The service refused PATCH ({(int)e.StatusCode!}) though it said it supports it: changes are read and put back whole.");
                _config = _config with { Patch = false };
            }
        }
        await ReplaceAsync(resource, change, cancellationToken, list);
    }

    private Task PatchAsync(string resource, IReadOnlyList<ScimPatchOperation> operations, CancellationToken cancellationToken) =>
        _rest.SendAsync(Json(Request(resource, Method.Patch), new ScimPatchRequest { Operations = operations }), cancellationToken);

    /// <summary>
    /// Reads the resource, changes it and puts it back whole (RFC 7644 §3.5.1). Where the service versions resources,
    /// the PUT carries If-Match, and a 412 (changed meanwhile) reads it again and changes that, once.
    /// </summary>
    /// <remarks>
    /// <paramref name="list"/> names a multi-valued attribute the change rewrites from what was read: a service may
    /// leave it out unless it is asked for by name (RFC 7644 §3.4.2.5), so then it is, and one that is not a list
    /// stops the change, since putting back less than the service holds would drop the rest.
    /// </remarks>
    private async Task ReplaceAsync(string resource, Action<JsonObject> change, CancellationToken cancellationToken, string? list = null)
    {
        using var only = await _replacing.EnterAsync(resource, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var read = await _rest.SendAsync(Request(resource), cancellationToken);
            var current = JsonNode.Parse(read.Content ?? "") as JsonObject
                          ?? throw new ApiException("GET", _redactor.Redact(resource), read.StatusCode, "the service's answer is not a resource");
            var version = ETagOf(read, current);
            if (list is not null) await HoldListAsync(resource, current, list, cancellationToken);
            change(current);
            current.Remove("meta");
            var put = Request(resource, Method.Put).AddStringBody(current.ToJsonString(), ScimJson);
            if (_config.ETag && version is not null) put.AddHeader("If-Match", version);
            try
            {
                await _rest.SendAsync(put, cancellationToken);
                return;
            }
            catch (ApiException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed && attempt == 1)
            {
                // Changed by someone else between the read and the write: read it again and change that.
            }
        }
    }

    private async Task HoldListAsync(string resource, JsonObject current, string list, CancellationToken cancellationToken)
    {
        if (current[list] is null)
        {
            var asked = await _rest.SendAsync(Request(resource).AddQueryParameter("attributes", list), cancellationToken);
            if (JsonNode.Parse(asked.Content ?? "") is JsonObject answer && answer[list] is { } held) current[list] = held.DeepClone();
        }
        if (current[list] is not (null or JsonArray))
            throw new ApiException("GET", _redactor.Redact(resource), null,
                $"the service's \"{list}\" is not a list, so it cannot be put back without losing what it holds; nothing was changed");
    }

    private static string? ETagOf(RestResponse response, JsonObject resource) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "ETag", StringComparison.OrdinalIgnoreCase))?.Value?.ToString()
        ?? JsonText.Of(resource["meta"]?["version"]);

    /// <summary>
    /// A request asking for SCIM's own media type first: services must serve it, and plain JSON only should
    /// (RFC 7644 §3.8).
    /// </summary>
    private static RestRequest Request(string resource, Method method = Method.Get) =>
        new RestRequest(resource, method).AddHeader("Accept", $"{ScimJson}, application/json");

    private static RestRequest Json(RestRequest request, object body) =>
        request.AddStringBody(JsonSerializer.Serialize(body, RestCore.Json), ScimJson);

    /// <summary>
    /// Every user with this address, for a manager named by address: SCIM keeps userName unique, not addresses
    /// (RFC 7643 §4.1.1), so the first found may not be the only one.
    /// </summary>
    internal async Task<List<User>> UsersWithEmailAsync(string email, CancellationToken cancellationToken)
    {
        var found = new List<User>();
        await foreach (var page in UserPaging.ReadAsync(this, email, null, EmailPageSize, null, $"users matching '{email}'", cancellationToken))
            found.AddRange(page.Users.Where(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)));
        return found;
    }

    public void Dispose() => _rest.Dispose();
}
