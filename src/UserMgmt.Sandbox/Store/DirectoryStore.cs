using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace UserMgmt.Sandbox.Store;

/// <summary>Users, groups and memberships as the emulated platforms keep them.</summary>
public sealed class DirectoryStore(SandboxDatabase database, UserListings listings)
{
    internal const string UserColumns =
        "id, email, first_name, last_name, enabled, email_verified, scim_managed, attributes, created_on, updated_on, last_access_on";

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public Task<(List<UserRecord> Users, int Total)> ListUsersAsync(string? search, bool? enabled, IReadOnlyCollection<string>? ids, int first, int max) =>
        database.ReadAsync(c =>
        {
            var version = UserListings.Version(c);
            var (filter, args) = UserFilter(search, enabled, ids);
            // A listing by ids names at most a few dozen users: there is nothing to page past.
            var listing = ids is { Count: > 0 } ? null : $"acceldata/users\n{enabled}\n{search}";
            var total = listings.Total(listing, version, () => (int)c.Scalar<long>($"SELECT COUNT(*) FROM users {Where(filter)}", args));
            var (after, window, windowArgs) = listings.Page(listing, version, first, max);
            var page = WithGroups(c, c.Query($"SELECT {UserColumns} FROM users {Where([.. filter, after])} ORDER BY created_on, email {window}",
                ReadUser, [.. args, .. windowArgs]));
            if (page.Count > 0) listings.Served(listing, version, first, page.Count, page[^1].CreatedOn, page[^1].Email);
            return (page, total);
        });

    public Task<int> CountUsersAsync(string? search) =>
        database.ReadAsync(c =>
        {
            var version = UserListings.Version(c);
            var (filter, args) = UserFilter(search, null, null);
            return listings.Total($"acceldata/users\n\n{search}", version, () => (int)c.Scalar<long>($"SELECT COUNT(*) FROM users {Where(filter)}", args));
        });

    /// <summary>A group's members, in the order user listings use.</summary>
    public Task<List<UserRecord>> MembersAsync(string groupId) =>
        database.ReadAsync(c => WithGroups(c, c.Query(
            $"SELECT {UserColumns} FROM users WHERE id IN (SELECT user_id FROM memberships WHERE group_id = @g) ORDER BY created_on, email",
            ReadUser, ("@g", groupId))));

    public Task<UserRecord?> GetUserAsync(string id) => database.ReadAsync(c => FindUser(c, id));

    /// <summary>Creates every address or none: one that exists already refuses the whole call, as the platform does.</summary>
    public Task<List<string>> InviteAsync(IReadOnlyList<string> emails, IReadOnlyList<string> groupKeys, bool sendEmail) =>
        database.RunAsync(c =>
        {
            // The seed's invitation names its groups by name.
            var groups = groupKeys.Select(k => ResolveGroup(c, k, byName: true)).ToList();
            var existing = emails.Where(e => c.Scalar<long>("SELECT COUNT(*) FROM users WHERE email = @e", ("@e", e)) > 0).ToList();
            if (existing.Count > 0) throw SandboxError.Conflict($"User(s) already exist: {string.Join(", ", existing)}");
            var duplicates = emails.GroupBy(e => e, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0) throw SandboxError.BadRequest($"Duplicate email(s) in request: {string.Join(", ", duplicates)}");

            return emails.Select(email =>
            {
                var id = "user-" + Guid.NewGuid().ToString("N")[..12];
                c.Execute("INSERT INTO users (id, email, created_on, updated_on) VALUES (@id, @e, @now, @now)", ("@id", id), ("@e", email), ("@now", Now));
                foreach (var group in groups) AddMembership(c, id, group.Id);
                c.Execute("INSERT INTO invitations (email, send_email, at) VALUES (@e, @s, @now)", ("@e", email), ("@s", sendEmail), ("@now", Now));
                return id;
            }).ToList();
        });

    public Task UpdateUserAsync(string id, UserUpdate update) =>
        database.RunAsync(c =>
        {
            var user = RequireChangeableUser(c, id);
            var attributes = update.ReplaceAttributes && update.Attributes is not null ? [] : user.Attributes;
            foreach (var (name, values) in update.Attributes ?? [])
                if (values.Count == 0) attributes.Remove(name); else attributes[name] = values;
            c.Execute("""
                UPDATE users SET first_name = @fn, last_name = @ln, enabled = @en, attributes = @at, updated_on = @now WHERE id = @id
                """,
                ("@fn", update.FirstName ?? user.FirstName), ("@ln", update.LastName ?? user.LastName),
                ("@en", update.Enabled ?? user.Enabled), ("@at", JsonSerializer.Serialize(attributes)), ("@now", Now), ("@id", id));
        });

    public Task RemoveUserAsync(string id) =>
        database.RunAsync(c =>
        {
            RequireChangeableUser(c, id);
            c.Execute("DELETE FROM users WHERE id = @id", ("@id", id));
        });

    /// <summary>Adds or removes memberships; asking for one that already holds changes nothing.</summary>
    public Task ChangeGroupsAsync(string userId, GroupKeys groupKeys, bool add) =>
        database.RunAsync(c =>
        {
            RequireChangeableUser(c, userId);
            var groups = groupKeys.Keys.Select(k => ResolveGroup(c, k, groupKeys.ByName)).ToList();
            foreach (var group in groups)
                if (add) AddMembership(c, userId, group.Id);
                else c.Execute("DELETE FROM memberships WHERE user_id = @u AND group_id = @g", ("@u", userId), ("@g", group.Id));
        });

    public Task<List<GroupRecord>> ListGroupsAsync(string? search, int first, int max) =>
        database.ReadAsync(c => c.Query(
            $"{GroupSelect} WHERE (@s IS NULL OR g.name LIKE '%' || @s || '%') ORDER BY g.created_at, g.name LIMIT @max OFFSET @first",
            ReadGroup, ("@s", string.IsNullOrEmpty(search) ? null : search), ("@max", max), ("@first", first)));

    public Task<int> CountGroupsAsync(string? search) =>
        database.ReadAsync(c => (int)c.Scalar<long>("SELECT COUNT(*) FROM groups WHERE (@s IS NULL OR name LIKE '%' || @s || '%')",
            ("@s", string.IsNullOrEmpty(search) ? null : search)));

    public Task<GroupRecord?> GetGroupAsync(string id) =>
        database.ReadAsync(c => c.Query($"{GroupSelect} WHERE g.id = @id", ReadGroup, ("@id", id)).FirstOrDefault());

    public Task<GroupRecord> CreateGroupAsync(string name, string? description) =>
        database.RunAsync(c =>
        {
            if (c.Scalar<long>("SELECT COUNT(*) FROM groups WHERE name = @n", ("@n", name)) > 0)
                throw SandboxError.Conflict($"Group with name '{name}' already exists");
            var id = Guid.NewGuid().ToString();
            c.Execute("INSERT INTO groups (id, name, description, created_at) VALUES (@id, @n, @d, @now)", ("@id", id), ("@n", name), ("@d", description), ("@now", Now));
            return c.Query($"{GroupSelect} WHERE g.id = @id", ReadGroup, ("@id", id)).Single();
        });

    public Task UpdateGroupAsync(string id, string? name, string? description, IReadOnlyList<string> usersAdded, IReadOnlyList<string> usersRemoved) =>
        database.RunAsync(c =>
        {
            var group = RequireChangeableGroup(c, id);
            if (name is not null && string.IsNullOrWhiteSpace(name)) throw SandboxError.BadRequest("'name' must not be blank");
            if (name is not null && c.Scalar<long>("SELECT COUNT(*) FROM groups WHERE name = @n AND id <> @id", ("@n", name), ("@id", id)) > 0)
                throw SandboxError.Conflict($"Group with name '{name}' already exists");
            foreach (var userId in usersAdded.Concat(usersRemoved)) RequireChangeableUser(c, userId);
            c.Execute("UPDATE groups SET name = @n, description = @d WHERE id = @id", ("@n", name ?? group.Name), ("@d", description ?? group.Description), ("@id", id));
            foreach (var userId in usersAdded) AddMembership(c, userId, id);
            foreach (var userId in usersRemoved) c.Execute("DELETE FROM memberships WHERE user_id = @u AND group_id = @g", ("@u", userId), ("@g", id));
        });

    public Task DeleteGroupAsync(string id) =>
        database.RunAsync(c =>
        {
            RequireChangeableGroup(c, id);
            c.Execute("DELETE FROM groups WHERE id = @id", ("@id", id));
        });

    internal const string GroupSelect =
        "SELECT g.id, g.name, g.description, (SELECT COUNT(*) FROM memberships m WHERE m.group_id = g.id), g.scim_managed, g.created_at FROM groups g";

    internal static GroupRecord ReadGroup(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetInt32(3), r.GetBoolean(4), r.GetInt64(5));

    private static (List<string> Clauses, (string, object?)[] Args) UserFilter(string? search, bool? enabled, IReadOnlyCollection<string>? ids)
    {
        var clauses = new List<string>();
        var args = new List<(string, object?)>();
        if (!string.IsNullOrEmpty(search))
        {
            clauses.Add("(email LIKE '%' || @s || '%' OR first_name LIKE '%' || @s || '%' OR last_name LIKE '%' || @s || '%')");
            args.Add(("@s", search));
            if (WholeAddressKey(search) is { } key)
            {
                // Only these users can hold the address (SandboxDatabase.SearchKey says why): an index range instead of
                // every user. The substring test above still decides, so the answer is the same.
                clauses.Add("""
                    rowid IN (SELECT rowid FROM users WHERE search_key LIKE @sk
                              UNION ALL SELECT rowid FROM users WHERE search_key = '' OR search_key IS NULL)
                    """);
                args.Add(("@sk", key + "%"));
            }
        }
        if (enabled is { } e) { clauses.Add("enabled = @enabled"); args.Add(("@enabled", e)); }
        if (ids is { Count: > 0 })
        {
            var names = ids.Select((id, i) => $"@id{i}").ToList();
            clauses.Add($"id IN ({string.Join(", ", names)})");
            args.AddRange(ids.Select((id, i) => ($"@id{i}", (object?)id)));
        }
        return (clauses, args.ToArray());
    }

    private static string Where(IEnumerable<string> clauses) =>
        clauses.Where(c => c.Length > 0).ToList() is { Count: > 0 } all ? "WHERE " + string.Join(" AND ", all) : "";

    /// <summary>
    /// For a search that is one whole address (one @, something before it, no LIKE wildcard), its local part written
    /// backwards, as the users' search keys hold theirs; null for any other search.
    /// </summary>
    internal static string? WholeAddressKey(string search)
    {
        var at = search.IndexOf('@');
        if (at <= 0 || search.IndexOf('@', at + 1) >= 0 || search.AsSpan().IndexOfAny('%', '_') >= 0) return null;
        // SQLite reverses by characters (code points); a lone surrogate has no character to match.
        var local = search[..at];
        for (var i = 0; i < local.Length; i++)
            if (char.IsHighSurrogate(local[i]) && i + 1 < local.Length && char.IsLowSurrogate(local[i + 1])) i++;
            else if (char.IsSurrogate(local[i])) return null;
        return string.Concat(local.EnumerateRunes().Reverse());
    }

    private static UserRecord? FindUser(SqliteConnection c, string id) =>
        WithGroups(c, c.Query($"SELECT {UserColumns} FROM users WHERE id = @id", ReadUser, ("@id", id))).FirstOrDefault();

    /// <summary>A user row, its groups still to be filled in by <see cref="WithGroups"/>.</summary>
    internal static UserRecord ReadUser(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6),
            JsonSerializer.Deserialize<Dictionary<string, List<string>>>(r.GetString(7)) ?? [], [],
            r.GetInt64(8), r.GetInt64(9), r.NullableInt64(10));

    /// <summary>Fills in the users' groups, by name, a few hundred users a query instead of one query a user.</summary>
    internal static List<UserRecord> WithGroups(SqliteConnection c, List<UserRecord> users)
    {
        var byId = users.ToDictionary(u => u.Id);
        foreach (var chunk in users.Chunk(500))
        {
            var names = chunk.Select((_, i) => $"@u{i}");
            c.Query($"""
                SELECT m.user_id, g.id, g.name FROM memberships m JOIN groups g ON g.id = m.group_id
                WHERE m.user_id IN ({string.Join(", ", names)}) ORDER BY g.name
                """,
                g => { byId[g.GetString(0)].Groups.Add(new GroupRef(g.GetString(1), g.GetString(2))); return true; },
                chunk.Select((u, i) => ($"@u{i}", (object?)u.Id)).ToArray());
        }
        return users;
    }

    private static UserRecord RequireChangeableUser(SqliteConnection c, string id)
    {
        var user = FindUser(c, id) ?? throw SandboxError.NotFound($"User with id {id} not found");
        if (user.ScimManaged) throw SandboxError.Forbidden($"User {user.Email} is managed by SCIM and cannot be changed here");
        return user;
    }

    // O forbids only renaming a SCIM-managed group; refusing every change to one (its members too) is the sandbox's
    // assumption, as it is for SCIM-managed users (acceldata.md, "The sandbox as a strict double").
    private static GroupRecord RequireChangeableGroup(SqliteConnection c, string id)
    {
        var group = c.Query($"{GroupSelect} WHERE g.id = @id", ReadGroup, ("@id", id)).FirstOrDefault()
                    ?? throw SandboxError.NotFound($"Group with id {id} not found");
        if (group.ScimManaged) throw SandboxError.Forbidden($"Group {group.Name} is managed by SCIM and cannot be changed here");
        return group;
    }

    // One key per tenant: by id (the guides) unless the tenant's variant takes names (the seed); the caller says which.
    private static GroupRef ResolveGroup(SqliteConnection c, string key, bool byName)
    {
        var match = c.Query($"SELECT id, name FROM groups WHERE {(byName ? "name" : "id")} = @k", g => new GroupRef(g.GetString(0), g.GetString(1)), ("@k", key)).FirstOrDefault();
        if (match is null) throw SandboxError.NotFound($"Group {key} not found");
        if (c.Scalar<long>("SELECT scim_managed FROM groups WHERE id = @id", ("@id", match.Id)) == 1)
            throw SandboxError.Forbidden($"Group {match.Name} is managed by SCIM and its members cannot be changed here");
        return match;
    }

    internal static void AddMembership(SqliteConnection c, string userId, string groupId) =>
        c.Execute("INSERT OR IGNORE INTO memberships (user_id, group_id) VALUES (@u, @g)", ("@u", userId), ("@g", groupId));
}
