using RestSharp;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Acceldata;

/// <summary>The Acceldata Data Observability Cloud admin API.</summary>
internal sealed class AcceldataProvider : IUserProvider
{
    private const string Users = "admin/api/users";
    private const string Groups = "admin/api/groups";
    private const int GroupPageSize = 200;

    private readonly RestCore _rest;
    // A value that cannot be read is named in an error, and the platform may have echoed the secret into it.
    private readonly SecretRedactor _redactor;
    private readonly GroupAssignmentShape _assignmentShape;

    public AcceldataProvider(ConnectionSettings settings, GroupAssignmentShape assignmentShape, MembershipCall membershipCall = MembershipCall.UserGroups)
    {
        _redactor = SecretRedactor.For(settings.Credential);
        _rest = new RestCore(settings.BaseUri, new AcceldataKeyAuthenticator(settings.Credential), _redactor, settings.Retry);
        _assignmentShape = assignmentShape;
        // Membership goes per group only where the tenant is said to take the group call.
        Capabilities = membershipCall == MembershipCall.GroupMembers
            ? PlatformCapabilities with { MembersPerGroupCall = MembersPerGroupCall }
            : PlatformCapabilities;
    }

    /// <summary>
    /// Users one group update may name, when membership goes per group. Acceldata publishes no limit for
    /// usersAdded/usersRemoved; this is an assumption that keeps each body small, and the sandbox holds us to it.
    /// </summary>
    public const int MembersPerGroupCall = 100;

    /// <summary>Users one list call names by id: a bound on the length of its query string.</summary>
    private const int IdsPerList = 50;

    internal static readonly ProviderCapabilities PlatformCapabilities = new()
    {
        Platform = "Acceldata",
        InvitationsPerCall = 100,
        // Assumed (acceldata.md, A9): a 409 for addresses that already exist.
        InvitationRefusesExisting = true,
        // No source bounds `max` (acceldata.md, call 2): 1000 is assumed, and a tenant keeping to fewer is read to its total.
        LargestPage = 1000,
        CountsUsers = true,
        // GET groups/{id} answers with the members; users/list takes enabled=true|false.
        ListsGroupMembers = true,
        FiltersUsersByStatus = true,
    };

    public ProviderCapabilities Capabilities { get; }

    public Task VerifyAsync(CancellationToken cancellationToken) =>
        _rest.SendAsync(new RestRequest($"{Users}/count"), cancellationToken);

    public Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken) =>
        ListUsersAsync(search, null, offset, pageSize, cancellationToken);

    public async Task<UserPage> ListUsersAsync(string? search, bool? enabled, int offset, int pageSize, CancellationToken cancellationToken)
    {
        var request = new RestRequest($"{Users}/list")
            .AddQueryParameter("first", offset)
            .AddQueryParameter("max", pageSize);
        if (!string.IsNullOrEmpty(search)) request.AddQueryParameter("searchString", search);
        if (enabled is { } flag) request.AddQueryParameter("enabled", flag ? "true" : "false");
        var list = await _rest.SendAsync<AcceldataUserList>(request, cancellationToken);
        var users = _redactor.Mapped(() => (list.Users ?? []).Select((dto, i) => AcceldataMapper.ToListedUser(dto, offset + i + 1)).ToList());
        // A total that can be true is read to, past short pages (a tenant may cap max). Without one, a full page reports
        // one user more than it holds, which keeps callers reading until a short page.
        return list.Meta?.PlausibleTotal(offset, users.Count) is { } total
            ? new UserPage(users, total) { ReadToTotal = true }
            : new UserPage(users, offset + users.Count + (users.Count == pageSize ? 1 : 0));
    }

    public async Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var dto = await ReadUserAsync(userId, cancellationToken);
            return _redactor.Mapped(() => AcceldataMapper.ToUser(dto));
        }
        catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound || e is UnusableIdException)
        {
            return null;
        }
    }

    /// <summary>One user as the platform holds it; one answered without its userId is the user asked for.</summary>
    private async Task<AcceldataUserDto> ReadUserAsync(string userId, CancellationToken cancellationToken)
    {
        var dto = await _rest.SendAsync<AcceldataUserDto>(new RestRequest($"{Users}/{PathSegment.Of(userId)}"), cancellationToken);
        dto.UserId ??= userId;
        return dto;
    }

    public Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken) => ListGroupsAsync(null, cancellationToken);

    /// <summary>Every group, or those whose name contains <paramref name="search"/> (O: "Search string to filter groups by name").</summary>
    private async Task<IReadOnlyList<Group>> ListGroupsAsync(string? search, CancellationToken cancellationToken)
    {
        var groups = new List<Group>();
        await foreach (var page in PageReader.ReadAsync("groups", g => g.Id, GroupPageSize, null,
            (p, ct) => GroupPageAsync(search, p, ct), cancellationToken))
            groups.AddRange(page.Items);
        return groups;
    }

    private async Task<PageRead<Group>> GroupPageAsync(string? search, PageRequest page, CancellationToken cancellationToken)
    {
        // ADOC pages groups with first (offset) and last (page size).
        var request = new RestRequest(Groups).AddQueryParameter("first", page.Offset).AddQueryParameter("last", page.Size);
        if (search is not null) request.AddQueryParameter("search", search);
        var list = await _rest.SendAsync<AcceldataGroupList>(request, cancellationToken);
        var groups = _redactor.Mapped(() => (list.Groups ?? []).Select((dto, i) => AcceldataMapper.ToGroup(dto, page.Offset + i + 1)).ToList());
        var total = list.Meta?.PlausibleTotal(page.Offset, groups.Count);
        return new PageRead<Group>(groups, total, ReadToTotal: total is not null);
    }

    /// <summary>
    /// The group's members, read by id from the user list: the group's own answer gives members in another
    /// shape (without SCIM flags or group ids), and users must look the same however they were found.
    /// </summary>
    public async Task<IReadOnlyList<User>> ListGroupMembersAsync(Group group, CancellationToken cancellationToken)
    {
        var details = await _rest.SendAsync<AcceldataGroupDetailsDto>(new RestRequest($"{Groups}/{PathSegment.Of(group.Id)}"), cancellationToken);
        var members = new List<User>();
        foreach (var chunk in (details.Members ?? []).Select(m => m.Id).OfType<string>().Distinct().Chunk(IdsPerList))
        {
            // A tenant that caps max answers part of the ids asked for: those not yet answered are asked for again,
            // until all have come or an answer brings none of them (ids of users that are gone).
            var missing = new HashSet<string>(chunk, StringComparer.Ordinal);
            while (missing.Count > 0)
            {
                var found = await UsersByIdAsync(chunk.Where(missing.Contains).ToList(), cancellationToken);
                if (found.Count == 0) break;
                members.AddRange(found);
                missing.ExceptWith(found.Select(u => u.Id));
            }
        }
        return members;
    }

    /// <summary>Those of the users named that one list call answers; only those: a platform that ignored the ids would otherwise pass strangers off as members.</summary>
    private async Task<List<User>> UsersByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var request = new RestRequest($"{Users}/list").AddQueryParameter("ids", string.Join(',', ids))
            .AddQueryParameter("first", 0).AddQueryParameter("max", ids.Count);
        var list = await _rest.SendAsync<AcceldataUserList>(request, cancellationToken);
        return _redactor.Mapped(() => (list.Users ?? []).Where(u => u.UserId is not null && ids.Contains(u.UserId)).Select(AcceldataMapper.ToUser)
            .DistinctBy(u => u.Id).ToList());
    }

    /// <summary>
    /// The spec answers a creation with the group; where a tenant answers only the envelope, the group is
    /// created all the same and is found by its name, which the platform keeps unique: first among the groups
    /// the list's search finds, then, should the tenant ignore or match differently by search, among every group.
    /// </summary>
    public async Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken)
    {
        // The seed's example sends the name alone; a description goes only when there is one.
        object body = description is null ? new { name } : new { name, description };
        var request = new RestRequest(Groups, Method.Post).AddJsonBody(body);
        var created = await _rest.SendAsync<AcceldataGroupDto>(request, cancellationToken);
        if (created.Id is not null) return _redactor.Mapped(() => AcceldataMapper.ToGroup(created));
        return Named(name, await ListGroupsAsync(name, cancellationToken))
            ?? Named(name, await ListGroupsAsync(cancellationToken))
            ?? throw new FormatException($"The platform accepted group '{name}' but answered with no id, and lists no group of that name.");
    }

    /// <summary>The group of that name, exactly spelt first, else in any case.</summary>
    private static Group? Named(string name, IReadOnlyList<Group> groups) =>
        groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal))
        ?? groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken) =>
        _rest.SendAsync(new RestRequest($"{Groups}/{PathSegment.Of(groupId)}", Method.Delete), cancellationToken);

    public Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken)
    {
        var body = new { emails = invitees.Select(i => i.Email).ToArray(), groups = groups.Select(g => g.Name).ToArray(), sendEmail };
        return _rest.SendAsync(new RestRequest($"{Users}/invite-users", Method.Post).AddJsonBody(body), cancellationToken);
    }

    public Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
        ChangeGroupsAsync(userId, "assign-groups", groups, cancellationToken);

    public Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
        ChangeGroupsAsync(userId, "remove-groups", groups, cancellationToken);

    private Task ChangeGroupsAsync(string userId, string action, IReadOnlyList<Group> groups, CancellationToken cancellationToken)
    {
        object body = _assignmentShape switch
        {
            GroupAssignmentShape.DataGroups => new { data = new { groups = groups.Select(g => g.Id).ToArray() } },
            GroupAssignmentShape.GroupNames => new { groupIds = groups.Select(g => g.Name).ToArray() },
            _ => new { groupIds = groups.Select(g => g.Id).ToArray() },
        };
        var request = new RestRequest($"{Users}/{PathSegment.Of(userId)}/{action}", Method.Put).AddJsonBody(body);
        return _rest.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// One group update names every user to add or remove (used only with MembershipCall = GroupMembers). The
    /// OpenAPI copy marks the name and every list required, so all are sent: the group's own name, and empty
    /// lists for what does not change.
    /// </summary>
    public Task ChangeGroupMembersAsync(Group group, IReadOnlyList<string> userIds, bool add, CancellationToken cancellationToken)
    {
        var body = new
        {
            name = group.Name,
            usersAdded = add ? userIds : [],
            usersRemoved = add ? [] : userIds,
            rolesAdded = Array.Empty<string>(),
            rolesRemoved = Array.Empty<string>(),
            addDomainRoleMappings = Array.Empty<object>(),
            removeDomainRoleMappings = Array.Empty<object>(),
        };
        var request = new RestRequest($"{Groups}/{PathSegment.Of(group.Id)}", Method.Put).AddJsonBody(body);
        return _rest.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// No source says whether the PUT merges the attribute map or replaces it, so the whole map is written:
    /// the user's attributes as read, with the changes laid over them (an emptied one as []). Either way the
    /// user's other attributes stay.
    /// </summary>
    public async Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken)
    {
        var current = await ReadUserAsync(userId, cancellationToken);
        // Attributes left alone go back exactly as the platform sent them, whatever their form.
        var merged = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (current.Attributes is { ValueKind: System.Text.Json.JsonValueKind.Object } held)
            foreach (var attribute in held.EnumerateObject()) merged[attribute.Name] = attribute.Value.Clone();
        foreach (var (name, values) in attributes)
        {
            // The platform's spelling of a name stays, so a change in case does not make a second attribute.
            var key = merged.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            merged[key] = values;
        }
        await UpdateUserAsync(userId, new { attributes = merged.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) }, cancellationToken);
    }

    public Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken) =>
        UpdateUserAsync(userId, new { enabled }, cancellationToken);

    private Task UpdateUserAsync(string userId, object body, CancellationToken cancellationToken) =>
        _rest.SendAsync(new RestRequest($"{Users}/{PathSegment.Of(userId)}", Method.Put).AddJsonBody(body), cancellationToken);

    public void Dispose() => _rest.Dispose();
}
