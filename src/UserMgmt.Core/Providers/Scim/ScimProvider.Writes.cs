using System.Net;
using System.Text.Json.Nodes;
using RestSharp;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>What the provider changes: users, groups and memberships, by PATCH or by reading and putting back.</summary>
internal sealed partial class ScimProvider
{
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
            var created = await _rest.SendAsync<ScimUserDto>(Json(Request(Users, Method.Post), NewUser(invitee)), cancellationToken);
            var id = created.Id ?? throw new FormatException($"The service created '{invitee.Email}' but answered with no id.");
            await AddUserToGroupsAsync(id, groups, cancellationToken);
        }
    }

    /// <summary>A new user as created: the address as userName and as the primary work address, active.</summary>
    internal static Dictionary<string, object> NewUser(Invitee invitee)
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
        return body;
    }

    /// <summary>The PATCH operations that add users to a group's members, or take them out (RFC 7644 §3.5.2.1, §3.5.2.2).</summary>
    internal static IReadOnlyList<ScimPatchOperation> MemberOperations(IReadOnlyList<string> userIds, bool add) => add
        ? [new ScimPatchOperation { Op = "add", Path = "members", Value = userIds.Select(id => new Dictionary<string, string> { ["value"] = id }).ToArray() }]
        : userIds.Select(id => new ScimPatchOperation { Op = "remove", Path = $"members[value eq {ScimFilter.Quoted(id)}]" }).ToList();

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
        return ChangeAsync(resource, MemberOperations(userIds, add), group =>
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
    /// A PUT may clear what it leaves out (§3.5.1), and a service may leave attributes out of a read unless they are
    /// asked for by name (RFC 7643 §7 "returned": "request"; RFC 7644 §3.4.2.5): those its schemas name, and
    /// <paramref name="list"/>, a multi-valued attribute the change rewrites from what was read, are asked for. A
    /// <paramref name="list"/> that is not a list stops the change, since putting back less than the service holds
    /// would drop the rest.
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
            await HoldAsync(resource, current, list, cancellationToken);
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

    private async Task HoldAsync(string resource, JsonObject current, string? list, CancellationToken cancellationToken)
    {
        var onRequest = resource.StartsWith(Groups + "/", StringComparison.Ordinal) ? _groupOnRequest : _userOnRequest;
        var missing = onRequest.Append(list).OfType<string>().Distinct().Where(name => ScimResourceJson.ValueAt(current, name) is null).ToList();
        if (missing.Count > 0)
        {
            var asked = await _rest.SendAsync(Request(resource).AddQueryParameter("attributes", string.Join(',', missing)), cancellationToken);
            if (JsonNode.Parse(asked.Content ?? "") is JsonObject answer)
                foreach (var name in missing)
                    if (ScimResourceJson.ValueAt(answer, name) is { } held) ScimResourceJson.SetAt(current, name, held.DeepClone());
        }
        if (list is not null && current[list] is not (null or JsonArray))
            throw new ApiException("GET", _redactor.Redact(resource), null,
                $"the service's \"{list}\" is not a list, so it cannot be put back without losing what it holds; nothing was changed");
    }

    private static string? ETagOf(RestResponse response, JsonObject resource) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "ETag", StringComparison.OrdinalIgnoreCase))?.Value?.ToString()
        ?? JsonText.Of(resource["meta"]?["version"]);
}
