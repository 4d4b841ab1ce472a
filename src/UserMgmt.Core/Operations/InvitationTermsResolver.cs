using UserMgmt.Model;
using UserMgmt.Plans;
using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// Turns a row's roles, organisations and identity provider, as typed, into the platform's ids while planning, so a
/// misspelt name fails its row with the closest names before anything is sent. Roles and identity providers are read
/// once per command.
/// </summary>
internal sealed class InvitationTermsResolver(IUserProvider provider)
{
    private readonly ProviderCapabilities _can = provider.Capabilities;
    private IReadOnlyList<Role>? _roles;
    private IReadOnlyList<IdentityProvider>? _identityProviders;
    private CallerRoles? _caller;

    /// <summary>The terms, or the reason the row cannot be invited with them.</summary>
    public async Task<(InvitationTerms? Terms, string? Problem)> ResolveAsync(InvitationRequest row, CancellationToken cancellationToken)
    {
        var roleNames = InputText.SplitList(row.Roles);
        var organizations = InputText.SplitList(row.Organizations).Distinct(StringComparer.Ordinal).ToList();
        var identityProvider = row.IdentityProvider?.Trim() is { Length: > 0 } idp ? idp : null;
        if (roleNames.Count == 0 && organizations.Count == 0 && identityProvider is null) return (InvitationTerms.None, null);

        if (roleNames.Count > 0 && !_can.InvitesWithRoles)
            return (null, $"{_can.Platform} takes no roles with an invitation; leave Role empty"
                          + (_can.HasBulkJobs ? " and give them to Start-BulkJob instead." : "."));
        if (organizations.Count > 0 && !_can.InvitesIntoOrganizations) return (null, $"{_can.Platform} does not invite into organisations; leave OrganizationId empty.");
        if (identityProvider is not null && !_can.HasIdentityProviders)
            return (null, $"{_can.Platform} has no identity providers an invitation can name; leave IdentityProvider empty.");

        var roleIds = new List<string>();
        var roleNamesFound = new List<string>();
        if (roleNames.Count > 0)
        {
            _roles ??= await provider.ListRolesAsync(cancellationToken);
            foreach (var name in roleNames)
            {
                var (role, rivals) = Find(_roles, name, r => [r.Id, r.Name]);
                if (rivals.Count > 0) return (null, Ambiguous("roles", name, rivals.Select(r => r.Id)));
                if (role is null)
                    return (null, $"{_can.Platform} has no role '{name}'.{DidYouMean.Suffix(name, _roles.Select(r => r.Name))} Its roles: {string.Join(", ", _roles.Select(r => r.Name))}.");
                roleIds.Add(role.Id);
                roleNamesFound.Add(role.Name);
            }
        }
        string? identityProviderId = null;
        string? identityProviderName = null;
        if (identityProvider is not null)
        {
            _identityProviders ??= await provider.ListIdentityProvidersAsync(cancellationToken);
            var (found, rivals) = Find(_identityProviders, identityProvider, p => [p.Id, p.Name, p.Prefix]);
            if (rivals.Count > 0) return (null, Ambiguous("identity providers", identityProvider, rivals.Select(p => p.Id)));
            if (found is null)
                return (null, $"{_can.Platform} has no identity provider '{identityProvider}'.{DidYouMean.Suffix(identityProvider, _identityProviders.Select(p => p.Name))} "
                              + $"Its identity providers: {string.Join(", ", _identityProviders.Select(p => p.Name))}.");
            if (!found.Enabled)
                return (null, $"The identity provider '{found.Name}' is disabled on {_can.Platform}, so nobody can be invited to sign in through it; "
                              + $"enabled: {string.Join(", ", _identityProviders.Where(p => p.Enabled).Select(p => p.Name))}.");
            identityProviderId = found.Id;
            identityProviderName = found.Name;
        }
        var heavier = "";
        if (roleIds.Count > 0)
        {
            _caller ??= new CallerRoles(await provider.ListCallerRolesAsync(cancellationToken), _can.Platform);
            heavier = _caller.Flag(_roles!.Where(r => roleIds.Contains(r.Id)), row);
        }
        return (new InvitationTerms(roleIds.Distinct(StringComparer.Ordinal).ToList(), organizations, identityProviderId)
        {
            Described = Describe(roleNamesFound.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), organizations, identityProviderName) + heavier,
            RoleNames = roleNamesFound.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        }, null);
    }

    private static string Describe(IReadOnlyList<string> roles, IReadOnlyList<string> organizations, string? identityProvider) =>
        (organizations.Count > 0 ? $" into organisation(s) {PlannedStep.Quote(organizations)}" : "")
        + (roles.Count > 0 ? $" as {PlannedStep.Quote(roles)}" : "")
        + (identityProvider is not null ? $" signing in through '{identityProvider}'" : "");

    /// <summary>
    /// By id first, then by any other key as typed, then in any case: an id typed as given is never taken for another's
    /// name. A key several share picks none of them (the rivals), so a row never goes out with a role nobody chose.
    /// </summary>
    private static (T? Found, List<T> Rivals) Find<T>(IReadOnlyList<T> known, string given, Func<T, string?[]> keys) where T : class
    {
        if (known.FirstOrDefault(k => string.Equals(keys(k)[0], given, StringComparison.Ordinal)) is { } byId) return (byId, []);
        foreach (var comparison in (StringComparison[])[StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase])
        {
            var matches = known.Where(k => keys(k).Skip(1).Any(key => string.Equals(key, given, comparison))).ToList();
            if (matches.Count > 0) return matches.Count == 1 ? (matches[0], []) : (null, matches);
        }
        return (null, []);
    }

    private string Ambiguous(string what, string given, IEnumerable<string> ids) =>
        $"'{given}' names more than one of {_can.Platform}'s {what} (ids {string.Join(", ", ids)}); name one by its id.";
}
