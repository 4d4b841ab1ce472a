using System.Text.Json;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Scim;

/// <summary>A user as a SCIM write changes it: the store's own fields.</summary>
internal sealed class ScimUserState
{
    public required string Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public bool Enabled { get; set; } = true;
    public Dictionary<string, List<string>> Attributes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A group as a SCIM write changes it.</summary>
internal sealed class ScimGroupState
{
    public required string Name { get; set; }
    public List<string> MemberIds { get; set; } = [];
}

internal sealed record ScimMember(string UserId, string Display);

/// <summary>
/// The store's users, groups and memberships as the SCIM endpoints read and write them: the same tables the other
/// emulations use, so a user made through one API is seen through every other. Users and groups managed by SCIM on
/// the emulated platforms are ordinary resources here, since this is the API that manages them.
/// </summary>
internal sealed class ScimDirectory(SandboxDatabase database)
{
    private const string Order = "ORDER BY created_on, email";

    public Task<(List<UserRecord> Users, int Total)> ListUsersAsync(string where, IReadOnlyList<(string, object?)> args, int offset, int count) =>
        database.ReadAsync(c =>
        {
            var total = (int)c.Scalar<long>($"SELECT COUNT(*) FROM users WHERE {where}", [.. args]);
            var users = count == 0 ? [] : DirectoryStore.WithGroups(c, c.Query(
                $"SELECT {DirectoryStore.UserColumns} FROM users WHERE {where} {Order} LIMIT @count OFFSET @offset",
                DirectoryStore.ReadUser, [.. args, ("@count", count), ("@offset", offset)]));
            return (users, total);
        });

    public Task<UserRecord?> GetUserAsync(string id) => database.ReadAsync(c => FindUser(c, id));

    public Task<UserRecord> CreateUserAsync(ScimUserState state) =>
        database.RunAsync(c =>
        {
            RequireFreeAddress(c, state.Email, null);
            var id = "user-" + Guid.NewGuid().ToString("N")[..12];
            c.Execute("""
                INSERT INTO users (id, email, first_name, last_name, enabled, attributes, created_on, updated_on)
                VALUES (@id, @e, @fn, @ln, @en, @at, @now, @now)
                """,
                ("@id", id), ("@e", state.Email), ("@fn", state.FirstName), ("@ln", state.LastName), ("@en", state.Enabled),
                ("@at", JsonSerializer.Serialize(state.Attributes)), ("@now", DirectoryStore.Now));
            return FindUser(c, id)!;
        });

    /// <summary>Reads the user, lets <paramref name="change"/> change it, and writes it back, all in one transaction.</summary>
    public Task<UserRecord> ChangeUserAsync(string id, Action<ScimUserState> change) =>
        database.RunAsync(c =>
        {
            var user = FindUser(c, id) ?? throw ScimError.NotFound($"User {id} not found");
            var state = new ScimUserState
            {
                Email = user.Email, FirstName = user.FirstName, LastName = user.LastName, Enabled = user.Enabled,
                Attributes = new Dictionary<string, List<string>>(user.Attributes, StringComparer.Ordinal),
            };
            change(state);
            if (!string.Equals(state.Email, user.Email, StringComparison.Ordinal)) RequireFreeAddress(c, state.Email, id);
            c.Execute("""
                UPDATE users SET email = @e, first_name = @fn, last_name = @ln, enabled = @en, attributes = @at, updated_on = @now WHERE id = @id
                """,
                ("@e", state.Email), ("@fn", state.FirstName), ("@ln", state.LastName), ("@en", state.Enabled),
                ("@at", JsonSerializer.Serialize(state.Attributes)), ("@now", DirectoryStore.Now), ("@id", id));
            return FindUser(c, id)!;
        });

    public Task DeleteUserAsync(string id) =>
        database.RunAsync(c =>
        {
            if (c.Execute("DELETE FROM users WHERE id = @id", ("@id", id)) == 0) throw ScimError.NotFound($"User {id} not found");
        });

    public Task<(List<(GroupRecord Group, List<ScimMember> Members)> Groups, int Total)> ListGroupsAsync(
        string where, IReadOnlyList<(string, object?)> args, int offset, int count) =>
        database.ReadAsync(c =>
        {
            var total = (int)c.Scalar<long>($"SELECT COUNT(*) FROM groups g WHERE {where}", [.. args]);
            var groups = count == 0 ? [] : c.Query($"{DirectoryStore.GroupSelect} WHERE {where} ORDER BY g.created_at, g.name LIMIT @count OFFSET @offset",
                DirectoryStore.ReadGroup, [.. args, ("@count", count), ("@offset", offset)]);
            return (groups.Select(g => (g, Members(c, g.Id))).ToList(), total);
        });

    public Task<(GroupRecord Group, List<ScimMember> Members)?> GetGroupAsync(string id) =>
        database.ReadAsync(c => FindGroup(c, id) is { } group ? (group, Members(c, id)) : ((GroupRecord, List<ScimMember>)?)null);

    public Task<(GroupRecord Group, List<ScimMember> Members)> CreateGroupAsync(ScimGroupState state) =>
        database.RunAsync(c =>
        {
            RequireFreeName(c, state.Name, null);
            RequireUsers(c, state.MemberIds);
            var id = Guid.NewGuid().ToString();
            c.Execute("INSERT INTO groups (id, name, created_at) VALUES (@id, @n, @now)", ("@id", id), ("@n", state.Name), ("@now", DirectoryStore.Now));
            foreach (var member in state.MemberIds) DirectoryStore.AddMembership(c, member, id);
            return (FindGroup(c, id)!, Members(c, id));
        });

    /// <summary>Reads the group, lets <paramref name="change"/> change it, checks every member exists, and writes it back in one transaction.</summary>
    public Task<(GroupRecord Group, List<ScimMember> Members)> ChangeGroupAsync(string id, Action<ScimGroupState> change) =>
        database.RunAsync(c =>
        {
            var group = FindGroup(c, id) ?? throw ScimError.NotFound($"Group {id} not found");
            var before = Members(c, id).Select(m => m.UserId).ToList();
            var state = new ScimGroupState { Name = group.Name, MemberIds = [.. before] };
            change(state);
            if (string.IsNullOrWhiteSpace(state.Name)) throw ScimError.InvalidValue("'displayName' must not be blank");
            if (!string.Equals(state.Name, group.Name, StringComparison.Ordinal)) RequireFreeName(c, state.Name, id);
            var after = state.MemberIds.Distinct(StringComparer.Ordinal).ToList();
            RequireUsers(c, after.Except(before, StringComparer.Ordinal).ToList());
            c.Execute("UPDATE groups SET name = @n WHERE id = @id", ("@n", state.Name), ("@id", id));
            foreach (var gone in before.Except(after, StringComparer.Ordinal))
                c.Execute("DELETE FROM memberships WHERE user_id = @u AND group_id = @g", ("@u", gone), ("@g", id));
            foreach (var member in after) DirectoryStore.AddMembership(c, member, id);
            return (FindGroup(c, id)!, Members(c, id));
        });

    public Task DeleteGroupAsync(string id) =>
        database.RunAsync(c =>
        {
            if (c.Execute("DELETE FROM groups WHERE id = @id", ("@id", id)) == 0) throw ScimError.NotFound($"Group {id} not found");
        });

    private static UserRecord? FindUser(SqliteConnection c, string id) =>
        DirectoryStore.WithGroups(c, c.Query($"SELECT {DirectoryStore.UserColumns} FROM users WHERE id = @id", DirectoryStore.ReadUser, ("@id", id)))
            .FirstOrDefault();

    private static GroupRecord? FindGroup(SqliteConnection c, string id) =>
        c.Query($"{DirectoryStore.GroupSelect} WHERE g.id = @id", DirectoryStore.ReadGroup, ("@id", id)).FirstOrDefault();

    private static List<ScimMember> Members(SqliteConnection c, string groupId) =>
        c.Query($"""
            SELECT u.id, {ScimFilterSql.UserDisplayName} FROM users u
            WHERE u.id IN (SELECT user_id FROM memberships WHERE group_id = @g) ORDER BY u.created_on, u.email
            """, r => new ScimMember(r.GetString(0), r.GetString(1)), ("@g", groupId));

    private static void RequireFreeAddress(SqliteConnection c, string email, string? self)
    {
        if (c.Scalar<long>("SELECT COUNT(*) FROM users WHERE email = @e AND id IS NOT @self", ("@e", email), ("@self", self)) > 0)
            throw ScimError.Uniqueness($"A user with userName {email} already exists");
    }

    private static void RequireFreeName(SqliteConnection c, string name, string? self)
    {
        if (c.Scalar<long>("SELECT COUNT(*) FROM groups WHERE name = @n AND id IS NOT @self", ("@n", name), ("@self", self)) > 0)
            throw ScimError.Uniqueness($"A group with displayName {name} already exists");
    }

    /// <summary>Every id must be a user's; the unknown ones are named.</summary>
    private static void RequireUsers(SqliteConnection c, IReadOnlyList<string> ids)
    {
        var unknown = ids.Where(id => c.Scalar<long>("SELECT COUNT(*) FROM users WHERE id = @id", ("@id", id)) == 0).ToList();
        if (unknown.Count > 0) throw ScimError.InvalidValue($"No user has the id {string.Join(", ", unknown.Select(u => $"\"{u}\""))}; members must be existing users");
    }
}
