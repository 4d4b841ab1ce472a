using System.Text.Json;
using Microsoft.Data.Sqlite;
using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>
/// Applies one checked row of a bulk file: creates or updates the user by email. An unknown location,
/// a new email another user has or a user managed by SCIM stops the row (an error), found before the
/// row changes anything; an unknown role or team is left out and the row goes on (a warning).
/// </summary>
internal sealed class BulkRowApplier(SqliteConnection c)
{
    public List<JobError> Apply(JsonElement row, int number)
    {
        var email = BulkFile.Text(row, "email")!;
        if (Refusal(row, email, number) is { } refusal) return [refusal];

        var problems = new List<JobError>();
        var location = BulkFile.Text(row, "location");
        var id = c.Scalar<string>("SELECT id FROM users WHERE email = @e", ("@e", email));
        if (id is null)
        {
            id = "user-" + Guid.NewGuid().ToString("N")[..12];
            c.Execute("INSERT INTO users (id, email, created_on, updated_on) VALUES (@id, @e, @t, @t)", ("@id", id), ("@e", email), ("@t", DirectoryStore.Now));
        }
        Set(id, "email", BulkFile.Text(row, "new_email"));
        Set(id, "first_name", BulkFile.Text(row, "first_name"));
        Set(id, "last_name", BulkFile.Text(row, "last_name"));
        Set(id, "agent_number", BulkFile.Text(row, "agent_number"));
        Set(id, "location", location);
        // Null is the file table's "no location"; absent or empty leaves it as it is.
        if (row.TryGetProperty("location", out var given) && given.ValueKind == JsonValueKind.Null)
            c.Execute("UPDATE users SET location = NULL, updated_on = @t WHERE id = @id", ("@t", DirectoryStore.Now), ("@id", id));
        Set(id, "max_chat_limit", BulkFile.Text(row, "max_chat_limit"));
        Set(id, "max_chat_limit_enabled", BulkFile.Text(row, "max_chat_limit_enabled"));
        if (BulkFile.Text(row, "status") is { Length: > 0 } status) Set(id, "enabled", status == "Active" ? "1" : "0");

        foreach (var (name, on) in BulkFile.NameValues(row, "roles"))
        {
            var roleId = c.Scalar<long?>("SELECT id FROM roles WHERE name = @n", ("@n", name));
            if (roleId is null) problems.Add(new JobError($"Role '{name}' does not exist", BulkFile.ColumnOf("roles"), number, "warning"));
            else if (on) c.Execute("INSERT OR IGNORE INTO user_roles (user_id, role_id) VALUES (@u, @r)", ("@u", id), ("@r", roleId));
            else c.Execute("DELETE FROM user_roles WHERE user_id = @u AND role_id = @r", ("@u", id), ("@r", roleId));
        }
        foreach (var (name, on) in BulkFile.NameValues(row, "teams"))
        {
            var groupId = c.Scalar<string>("SELECT id FROM groups WHERE name = @n", ("@n", name));
            if (groupId is null) problems.Add(new JobError($"Team '{name}' does not exist", BulkFile.ColumnOf("teams"), number, "warning"));
            else if (on) c.Execute("INSERT OR IGNORE INTO memberships (user_id, group_id) VALUES (@u, @g)", ("@u", id), ("@g", groupId));
            else c.Execute("DELETE FROM memberships WHERE user_id = @u AND group_id = @g", ("@u", id), ("@g", groupId));
        }
        return problems;
    }

    // What stops a row, found before the row changes anything.
    private JobError? Refusal(JsonElement row, string email, int number)
    {
        if (BulkFile.Text(row, "location") is { Length: > 0 } location
            && c.Scalar<long>("SELECT COUNT(*) FROM locations WHERE name = @n", ("@n", location)) == 0)
            return new JobError($"Location '{location}' does not exist", BulkFile.ColumnOf("location"), number, "error");
        if (c.Scalar<long>("SELECT scim_managed FROM users WHERE email = @e", ("@e", email)) == 1)
            return new JobError($"User {email} is managed by SCIM and cannot be changed here", BulkFile.ColumnOf("email"), number, "error");
        if (BulkFile.Text(row, "new_email") is { Length: > 0 } newEmail
            && c.Scalar<long>("SELECT COUNT(*) FROM users WHERE email = @n AND email <> @e", ("@n", newEmail), ("@e", email)) > 0)
            return new JobError($"Email '{newEmail}' is already in use", BulkFile.ColumnOf("new_email"), number, "error");
        return null;
    }

    // Only columns present in the row change; the column names come from this class, never from input.
    private void Set(string id, string column, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        c.Execute($"UPDATE users SET {column} = @v, updated_on = @t WHERE id = @id", ("@v", value), ("@t", DirectoryStore.Now), ("@id", id));
    }
}
