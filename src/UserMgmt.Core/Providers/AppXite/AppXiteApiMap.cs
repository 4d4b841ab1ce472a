using System.Globalization;

namespace UserMgmt.Providers.AppXite;

/// <summary>
/// Every route and field name the AppXite provider uses, in one place. AppXite's API reference is behind a partner
/// login, so each default is an assumption (docs/providers/appxite.md says which and how to check it); each can be
/// changed with <c>-ProviderOption</c> (<c>@{ Routes = @{ Users = 'v3/users' } }</c>) or an OptionsFile, without code.
/// </summary>
internal sealed class AppXiteApiMap
{
    private static readonly (string Name, string Default, string Description)[] Defaults =
    [
        ("Routes.Users", "api/v2/users", "GET: a page of the platform's users"),
        ("Routes.Roles", "api/v2/roles", "GET: the platform's roles"),
        ("Routes.IdentityProviders", "api/v2/identity-providers", "GET: the platform's identity providers"),
        ("Routes.Invite", "api/v2/users/invite", "POST: invite users into organisations"),
        ("Routes.CurrentUser", "", "GET: the account the connection signs in as, whose roles bound those it should give; none (the default): not read"),
        ("Paging.Page", "page", "query parameter: the page, from 1"),
        ("Paging.PageSize", "pageSize", "query parameter: users a page"),
        ("Paging.Items", "items", "the list in a page's answer (a bare list is read too)"),
        ("Paging.Total", "totalCount", "the count of all users in a page's answer"),
        ("User.Id", "id", "a user's id"),
        ("User.Email", "email", "a user's address"),
        ("User.FirstName", "firstName", "a user's first name"),
        ("User.LastName", "lastName", "a user's last name"),
        ("User.Created", "createdDate", "when the user was created"),
        ("User.State", "accountState", "the account state: New, Active or Blocked"),
        ("User.Organizations", "organizationIds", "the ids of the user's organisations"),
        ("User.Roles", "roles", "the names of the user's roles"),
        ("State.New", "New", "the account state of someone invited who has not signed in"),
        ("State.Active", "Active", "the account state of someone who has signed in"),
        ("State.Blocked", "Blocked", "the account state of a deactivated user"),
        ("Role.Id", "id", "a role's id"),
        ("Role.Name", "name", "a role's name"),
        ("Role.Weight", "weight", "a role's weight"),
        ("IdentityProvider.Id", "id", "an identity provider's id"),
        ("IdentityProvider.Name", "name", "an identity provider's name"),
        ("IdentityProvider.Prefix", "prefix", "an identity provider's prefix"),
        ("IdentityProvider.Enabled", "enabled", "whether an identity provider is enabled"),
        ("Invite.Users", "Users", "the invitation's list of people (the vendor's own name)"),
        ("Invite.OrganizationIds", "OrganizationIds", "the invitation's organisation ids (the vendor's own name)"),
        ("Invite.Email", "email", "a person's address in the invitation"),
        ("Invite.FirstName", "firstName", "a person's first name in the invitation"),
        ("Invite.LastName", "lastName", "a person's last name in the invitation"),
        ("Invite.RoleIds", "roleIds", "the role ids a person is invited with"),
        ("Invite.IdentityProviderId", "identityProviderId", "the identity provider a person signs in through"),
        ("Invite.BatchSize", "100", "people one invitation call carries, 1 to 1000"),
        ("ApiKeyHeader", "Ocp-Apim-Subscription-Key", "the header the subscription key goes in"),
    ];

    public const string SubscriptionKey = "SubscriptionKey";

    public static IReadOnlyList<ProviderOption> Options { get; } =
    [
        .. Defaults.Select(d => ProviderOption.Text(d.Name, d.Description, d.Default)),
        ProviderOption.Secret(SubscriptionKey, "the API subscription key, sent in ApiKeyHeader; none: the header is not sent"),
    ];

    private readonly ProviderOptions _options;

    private AppXiteApiMap(ProviderOptions options) => _options = options;

    /// <summary>The map for a connection; a route that would leave the base address, or a batch size out of range, is refused.</summary>
    public static AppXiteApiMap From(ProviderOptions options)
    {
        var map = new AppXiteApiMap(options);
        foreach (var route in Defaults.Where(d => d.Name.StartsWith("Routes.", StringComparison.Ordinal) && d.Default.Length > 0)) map.Route(route.Name);
        _ = map.CurrentUser;
        _ = map.InvitationsPerCall;
        _ = map.ApiKeyHeader;
        map.RefuseSharedNames(["Invite.Users", "Invite.OrganizationIds"]);
        map.RefuseSharedNames(["Invite.Email", "Invite.FirstName", "Invite.LastName", "Invite.RoleIds", "Invite.IdentityProviderId"]);
        return map;
    }

    /// <summary>Fields of one JSON object under one name: the later would overwrite the earlier, and an invitation lose its address.</summary>
    private void RefuseSharedNames(string[] fields)
    {
        if (fields.GroupBy(f => _options[f], StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } shared)
            throw new ProviderOptionException($"Provider options {string.Join(" and ", shared)} are both '{shared.Key}'; each needs a name of its own.");
    }

    /// <summary>A name from the map: <c>map["User.Email"]</c>.</summary>
    public string this[string name] => _options[name];

    public string Users => Route("Routes.Users");
    public string Roles => Route("Routes.Roles");
    public string IdentityProviders => Route("Routes.IdentityProviders");
    public string Invite => Route("Routes.Invite");
    /// <summary>The caller's own account, where the user names a route for it; no AppXite source does.</summary>
    public string? CurrentUser => _options["Routes.CurrentUser"].Trim().Length == 0 ? null : Route("Routes.CurrentUser");
    public string ApiKeyHeader => _options["ApiKeyHeader"] is var name && name.All(IsTokenChar) && !ClientHeaders.Contains(name)
        ? name
        : throw new ProviderOptionException($"Provider option ApiKeyHeader must be one header name of its own, such as 'Ocp-Apim-Subscription-Key'; '{name}' is not.");
    public string? Key => _options[SubscriptionKey] is { Length: > 0 } key ? key : null;

    public int InvitationsPerCall =>
        int.TryParse(_options["Invite.BatchSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
            ? n
            : throw new ProviderOptionException($"Provider option Invite.BatchSize must be a whole number from 1 to 1000, not '{_options["Invite.BatchSize"]}'.");

    // The headers the client sets itself: the key in one of them would replace the token or name another host.
    private static readonly HashSet<string> ClientHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Authorization", "Host", "Content-Type", "Content-Length", "User-Agent", "Accept", "Cookie", "Transfer-Encoding" };

    /// <summary>A character a header name may hold (RFC 9110's token): no space, colon or line break.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    /// <summary>A route relative to the base address: never another host, never above it, so the keys go nowhere else.</summary>
    private string Route(string name)
    {
        var given = _options[name].Trim();
        // One leading slash still means "below the base address"; two would name another host.
        var route = given.StartsWith("//", StringComparison.Ordinal) ? given : given.TrimStart('/');
        // A query of its own would repeat the paging parameters the provider adds.
        if (route.Contains("://", StringComparison.Ordinal) || route.StartsWith('/') || route.Contains('\\') || route.Contains('#') || route.Contains('?')
            || route.Split('/').Any(s => s is "" or "." or ".." || Uri.UnescapeDataString(s) is "." or ".." || s.Contains(':')))
            throw new ProviderOptionException($"Provider option {name} must be a path below the base address with no query, such as 'api/v2/users' (paging is added to it); '{_options[name]}' is not.");
        return route;
    }
}
