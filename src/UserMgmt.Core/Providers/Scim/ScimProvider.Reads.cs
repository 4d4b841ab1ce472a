using System.Net;
using RestSharp;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>What the provider reads: users, pages of them, groups and their members.</summary>
internal sealed partial class ScimProvider
{
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
}
