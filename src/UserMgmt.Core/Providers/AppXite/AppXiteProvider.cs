using System.Text.Json;
using RestSharp;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Providers.AppXite;

/// <summary>
/// AppXite's user management (seed "User Management via APIs"): users with their account state and organisations,
/// roles with weights, identity providers, and one invitation call for many people into many organisations. Routes
/// and names come from <see cref="AppXiteApiMap"/>. The seed documents no groups, attributes or account changes, so
/// the planner refuses those before anything is sent.
/// </summary>
internal sealed class AppXiteProvider : IUserProvider
{
    private readonly RestCore _rest;
    private readonly AppXiteApiMap _map;
    private readonly AppXiteUserPages _pages;

    public AppXiteProvider(ConnectionSettings settings, ProviderOptions options)
    {
        _map = AppXiteApiMap.From(options);
        var redactor = SecretRedactor.For(settings.Credential, options.Secrets);
        _rest = new RestCore(settings.BaseUri, new AppXiteAuthenticator(settings.Credential, _map.ApiKeyHeader, _map.Key), redactor, settings.Retry);
        Capabilities = PlatformCapabilities with { InvitationsPerCall = _map.InvitationsPerCall };
        _pages = new AppXiteUserPages(PageAsync, Capabilities.LargestPage, _map.Users);
    }

    /// <summary>What AppXite can do, with the default batch size; a connection's own says the batch size its options give.</summary>
    public static readonly ProviderCapabilities PlatformCapabilities = new()
    {
        Platform = "AppXite",
        HasGroups = false,
        CanCreateGroups = false,
        CanDeleteGroups = false,
        SettableAttributes = new HashSet<string>(),
        CanChangeUserState = false,
        InvitationsPerCall = 100,
        HasRoles = true,
        InvitesWithRoles = true,
        HasIdentityProviders = true,
        InvitesIntoOrganizations = true,
        KnownStatuses = [UserStatus.Invited, UserStatus.Active, UserStatus.Inactive],
        LargestPage = 100,
        // No search is documented: ListUsersAsync matches an address by reading every page.
        SearchesUsers = false,
    };

    public ProviderCapabilities Capabilities { get; }

    /// <summary>The caller's roles as their account lists them (ids or names), read at connect where a route is given.</summary>
    private IReadOnlyList<string>? _callerRoleKeys;

    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        await PageAsync(1, 1, cancellationToken);
        if (_map.CurrentUser is { } route) _callerRoleKeys = CallerRoleKeys(await _rest.SendAsync<JsonElement>(new RestRequest(route), cancellationToken));
    }

    /// <summary>The roles in the caller's account: the answer itself, or the one object it wraps, holds them under User.Roles.</summary>
    private IReadOnlyList<string> CallerRoleKeys(JsonElement answer)
    {
        var name = _map["User.Roles"];
        var account = AppXiteJson.Field(answer, name) is not null ? answer
            : answer.ValueKind == JsonValueKind.Object && answer.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).ToList() is [var only]
              && AppXiteJson.Field(only.Value, name) is not null ? only.Value
            : throw new FormatException($"AppXite's answer at Routes.CurrentUser holds no '{name}'; set the User.Roles option to the name it uses, or leave Routes.CurrentUser empty.");
        return AppXiteJson.Texts(account, name, _map["Role.Name"], _map["Role.Id"]);
    }

    public async Task<IReadOnlyList<Role>?> ListCallerRolesAsync(CancellationToken cancellationToken)
    {
        if (_callerRoleKeys is not { } keys) return null;
        var roles = await ListRolesAsync(cancellationToken);
        return roles.Where(r => keys.Any(k => k == r.Id || string.Equals(k, r.Name, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public async Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(search))
        {
            var (users, total) = await _pages.FromAsync(offset, Math.Max(1, pageSize), cancellationToken);
            return total is { } all && all >= offset + users.Count
                ? new UserPage(users, all) { ReadToTotal = true }
                : new UserPage(users, offset + users.Count + (users.Count == pageSize ? 1 : 0));
        }
        // No search is documented: the users are read and matched here.
        var matches = (await AllUsersAsync(cancellationToken)).Where(u => u.Email.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        return new UserPage(matches.Skip(offset).Take(pageSize).ToList(), matches.Count);
    }

    public async Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        (await AllUsersAsync(cancellationToken)).FirstOrDefault(u => u.Id == userId);

    // Through the same numbered pages as a listing: read by page number alone, a capped platform without a total would end at its first page.
    private Task<List<User>> AllUsersAsync(CancellationToken cancellationToken) =>
        Operations.UserPaging.ReadAllAsync(this, Capabilities.LargestPage, cancellationToken);

    private async Task<(List<User> Users, int? Total)> PageAsync(int page, int size, CancellationToken cancellationToken)
    {
        var request = new RestRequest(_map.Users).AddQueryParameter(_map["Paging.Page"], page).AddQueryParameter(_map["Paging.PageSize"], size);
        var answer = await _rest.SendAsync<JsonElement>(request, cancellationToken);
        var users = AppXiteJson.Items(answer, _map["Paging.Items"]).Select(ToUser).ToList();
        return (users, AppXiteJson.Number(answer, _map["Paging.Total"]));
    }

    private User ToUser(JsonElement item) => new()
    {
        Id = AppXiteJson.Text(item, _map["User.Id"]) ?? throw new FormatException($"An AppXite user has no '{_map["User.Id"]}'; set the User.Id option to the name it uses."),
        Email = AppXiteJson.Text(item, _map["User.Email"]) ?? "",
        FirstName = AppXiteJson.Text(item, _map["User.FirstName"]),
        LastName = AppXiteJson.Text(item, _map["User.LastName"]),
        Status = StatusOf(AppXiteJson.Text(item, _map["User.State"])),
        Organizations = AppXiteJson.Texts(item, _map["User.Organizations"]),
        Roles = AppXiteJson.Texts(item, _map["User.Roles"], _map["Role.Name"], _map["Role.Id"]),
        Created = DateTimeOffset.TryParse(AppXiteJson.Text(item, _map["User.Created"]), out var created) ? created : null,
    };

    /// <summary>New is invited and not yet signed in; Blocked is deactivated (AppXite's own words for the states).</summary>
    private UserStatus StatusOf(string? state) =>
        string.Equals(state, _map["State.New"], StringComparison.OrdinalIgnoreCase) ? UserStatus.Invited
        : string.Equals(state, _map["State.Blocked"], StringComparison.OrdinalIgnoreCase) ? UserStatus.Inactive
        : UserStatus.Active;

    public async Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken)
    {
        var answer = await _rest.SendAsync<JsonElement>(new RestRequest(_map.Roles), cancellationToken);
        return AppXiteJson.Items(answer, _map["Paging.Items"])
            .Select(r => new Role(AppXiteJson.Text(r, _map["Role.Id"]) ?? "", AppXiteJson.Text(r, _map["Role.Name"]) ?? "", AppXiteJson.Number(r, _map["Role.Weight"]) ?? 0))
            .Where(r => r.Id.Length > 0)
            .OrderBy(r => r.Weight).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<IReadOnlyList<IdentityProvider>> ListIdentityProvidersAsync(CancellationToken cancellationToken)
    {
        var answer = await _rest.SendAsync<JsonElement>(new RestRequest(_map.IdentityProviders), cancellationToken);
        return AppXiteJson.Items(answer, _map["Paging.Items"])
            .Select(p => new IdentityProvider(AppXiteJson.Text(p, _map["IdentityProvider.Id"]) ?? "", AppXiteJson.Text(p, _map["IdentityProvider.Name"]) ?? "",
                AppXiteJson.Text(p, _map["IdentityProvider.Prefix"]), AppXiteJson.Flag(p, _map["IdentityProvider.Enabled"]) ?? true))
            .Where(p => p.Id.Length > 0)
            .ToList();
    }

    /// <summary>One call for everyone given, who share their terms (the engine batches them so), into every organisation named.</summary>
    public async Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken)
    {
        if (groups.Count > 0) throw new NotSupportedException("AppXite has no groups.");
        var body = new Dictionary<string, object?>
        {
            [_map["Invite.Users"]] = invitees.Select(Person).ToList(),
            [_map["Invite.OrganizationIds"]] = invitees.Count == 0 ? [] : invitees[0].Terms.OrganizationIds,
        };
        await _rest.SendAsync(new RestRequest(_map.Invite, Method.Post).AddStringBody(JsonSerializer.Serialize(body, RestCore.Json), ContentType.Json),
            cancellationToken);
    }

    private Dictionary<string, object?> Person(Invitee invitee)
    {
        var person = new Dictionary<string, object?> { [_map["Invite.Email"]] = invitee.Email };
        if (invitee.FirstName is not null) person[_map["Invite.FirstName"]] = invitee.FirstName;
        if (invitee.LastName is not null) person[_map["Invite.LastName"]] = invitee.LastName;
        if (invitee.Terms.RoleIds.Count > 0) person[_map["Invite.RoleIds"]] = invitee.Terms.RoleIds;
        if (invitee.Terms.IdentityProviderId is { } idp) person[_map["Invite.IdentityProviderId"]] = idp;
        return person;
    }

    public Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Group>>([]);

    public Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken) => throw NoSuchCall("groups");
    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken) => throw NoSuchCall("groups");
    public Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) => throw NoSuchCall("groups");
    public Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) => throw NoSuchCall("groups");
    public Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken) =>
        throw NoSuchCall("attributes");
    public Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken) => throw NoSuchCall("account states");

    // The planner refuses these first (the capabilities say so); reaching one is a defect, said plainly.
    private static NotSupportedException NoSuchCall(string what) => new($"AppXite's documented API changes no {what}.");

    public void Dispose() => _rest.Dispose();
}
