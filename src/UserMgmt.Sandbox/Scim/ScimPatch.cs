using System.Text.Json;

namespace UserMgmt.Sandbox.Scim;

internal sealed record ScimPatchOperation(string Op, string? Path, JsonElement? Value);

/// <summary>
/// PatchOp requests (RFC 7644 §3.5.2) and how each operation lands on a user or a group. The body must name the
/// PatchOp schema; op is add, replace or remove in any case; a path the resource does not have is invalidPath.
/// </summary>
internal static class ScimPatch
{
    public const int MaxOperations = 1000;

    public static List<ScimPatchOperation> Read(JsonElement body)
    {
        ScimJson.RequireSchema(body, ScimSchemas.PatchOp);
        if (ScimJson.Property(body, "Operations") is not { ValueKind: JsonValueKind.Array } operations)
            throw ScimError.InvalidSyntax("'Operations' must be an array of operations");
        if (operations.GetArrayLength() == 0) throw ScimError.InvalidSyntax("'Operations' must hold at least one operation");
        if (operations.GetArrayLength() > MaxOperations) throw ScimError.InvalidSyntax($"'Operations' may hold at most {MaxOperations} operations");
        return operations.EnumerateArray().Select((o, i) =>
        {
            if (o.ValueKind != JsonValueKind.Object) throw ScimError.InvalidSyntax($"Operation {i + 1} must be an object");
            var op = ScimJson.OptionalString(o, "op")?.ToLowerInvariant();
            if (op is not ("add" or "replace" or "remove")) throw ScimError.InvalidSyntax($"Operation {i + 1}: 'op' must be add, replace or remove");
            var path = ScimJson.OptionalString(o, "path");
            var value = ScimJson.Property(o, "value") is { ValueKind: not JsonValueKind.Null } v ? v : (JsonElement?)null;
            if (op == "remove" && string.IsNullOrEmpty(path)) throw ScimError.BadRequest("noTarget", $"Operation {i + 1}: remove needs a 'path'");
            if (op != "remove" && value is null) throw ScimError.InvalidSyntax($"Operation {i + 1}: {op} needs a 'value'");
            return new ScimPatchOperation(op, string.IsNullOrEmpty(path) ? null : path, value);
        }).ToList();
    }

    // ---- Users ----

    public static void Apply(ScimUserState user, ScimPatchOperation operation)
    {
        if (operation.Path is null)
        {
            // No path: the value is an object of attributes, each set as if named by a path (§3.5.2.1, §3.5.2.3).
            if (operation.Value is not { ValueKind: JsonValueKind.Object } attributes)
                throw ScimError.InvalidValue($"{operation.Op} without a 'path' needs an object of attributes as its value");
            foreach (var attribute in attributes.EnumerateObject())
            {
                if (string.Equals(attribute.Name, "name", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(attribute.Name, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
                {
                    if (attribute.Value.ValueKind != JsonValueKind.Object) throw ScimError.InvalidValue($"'{attribute.Name}' must be an object");
                    var prefix = string.Equals(attribute.Name, "name", StringComparison.OrdinalIgnoreCase) ? "name." : ScimSchemas.EnterpriseUser + ":";
                    foreach (var sub in attribute.Value.EnumerateObject()) SetUser(user, prefix + sub.Name, sub.Value);
                }
                else SetUser(user, attribute.Name, attribute.Value);
            }
            return;
        }
        if (operation.Op == "remove") RemoveUser(user, operation.Path);
        else SetUser(user, operation.Path, operation.Value!.Value);
    }

    private static void SetUser(ScimUserState user, string path, JsonElement value)
    {
        var target = UserPath(path);
        switch (target)
        {
            case "active":
                user.Enabled = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    // Some identity providers send booleans as text.
                    JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => flag,
                    _ => throw ScimError.InvalidValue("'active' must be true or false"),
                };
                break;
            case "name.givenName": user.FirstName = Text(value, path); break;
            case "name.familyName": user.LastName = Text(value, path); break;
            case "userName":
                user.Email = Address(Text(value, path));
                break;
            case ScimResources.Manager:
                var manager = value.ValueKind == JsonValueKind.Object ? ScimJson.OptionalString(value, "value") : Text(value, path);
                SetAttribute(user, ScimResources.Manager, manager);
                break;
            default:
                SetAttribute(user, target, Text(value, path));
                break;
        }
    }

    private static void RemoveUser(ScimUserState user, string path)
    {
        var target = UserPath(path);
        switch (target)
        {
            case "active": throw ScimError.BadRequest("mutability", "'active' cannot be removed; replace it with false");
            case "userName": throw ScimError.BadRequest("mutability", "'userName' is required and cannot be removed");
            case "name.givenName": user.FirstName = null; break;
            case "name.familyName": user.LastName = null; break;
            default: SetAttribute(user, target, null); break;
        }
    }

    /// <summary>The attribute a path names, spelled as the store keeps it; any other path is invalidPath.</summary>
    private static string UserPath(string path)
    {
        var bare = path.StartsWith(ScimSchemas.User + ":", StringComparison.OrdinalIgnoreCase) ? path[(ScimSchemas.User.Length + 1)..] : path;
        if (bare.StartsWith(ScimSchemas.EnterpriseUser + ":", StringComparison.OrdinalIgnoreCase))
        {
            var name = bare[(ScimSchemas.EnterpriseUser.Length + 1)..];
            if (string.Equals(name, "manager.value", StringComparison.OrdinalIgnoreCase)) name = ScimResources.Manager;
            return ScimResources.EnterpriseName(name) ?? throw ScimError.InvalidPath($"'{path}' is not an attribute of the enterprise extension");
        }
        return bare.ToLowerInvariant() switch
        {
            "active" => "active",
            "username" => "userName",
            "name.givenname" => "name.givenName",
            "name.familyname" => "name.familyName",
            _ => ScimResources.CoreName(bare) ?? throw ScimError.InvalidPath($"'{path}' is not a path this service can change"),
        };
    }

    private static void SetAttribute(ScimUserState user, string name, string? value)
    {
        foreach (var key in user.Attributes.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList()) user.Attributes.Remove(key);
        if (!string.IsNullOrEmpty(value)) user.Attributes[name] = [value];
    }

    private static string? Text(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw ScimError.InvalidValue($"'{path}' must be a string"),
    };

    public static string Address(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName)) throw ScimError.InvalidValue("'userName' must not be blank");
        // The platforms key users by address, so the userName is one.
        var at = userName.IndexOf('@');
        if (at <= 0 || at == userName.Length - 1 || userName.IndexOf('@', at + 1) >= 0 || userName.Any(char.IsWhiteSpace))
            throw ScimError.InvalidValue($"'userName' must be an email address; '{userName}' is not");
        return userName;
    }

    // ---- Groups ----

    public static void Apply(ScimGroupState group, ScimPatchOperation operation)
    {
        if (operation.Path is null)
        {
            if (operation.Value is not { ValueKind: JsonValueKind.Object } attributes)
                throw ScimError.InvalidValue($"{operation.Op} without a 'path' needs an object of attributes as its value");
            foreach (var property in attributes.EnumerateObject()) SetGroup(group, operation.Op, property.Name, property.Value);
            return;
        }
        if (operation.Op != "remove")
        {
            SetGroup(group, operation.Op, operation.Path, operation.Value!.Value);
            return;
        }
        var bracket = operation.Path.IndexOf('[');
        var attribute = bracket < 0 ? operation.Path : operation.Path[..bracket];
        if (!string.Equals(attribute, "members", StringComparison.OrdinalIgnoreCase))
            throw string.Equals(attribute, "displayName", StringComparison.OrdinalIgnoreCase)
                ? ScimError.BadRequest("mutability", "'displayName' is required and cannot be removed")
                : ScimError.InvalidPath($"'{operation.Path}' is not a path of a group");
        if (bracket < 0)
        {
            // "members" alone: those the value names, or, with no value, every member.
            if (operation.Value is null) group.MemberIds.Clear();
            else
            {
                var gone = MemberIds(operation.Value.Value);
                group.MemberIds.RemoveAll(gone.Contains);
            }
            return;
        }
        if (!operation.Path.EndsWith(']')) throw ScimError.InvalidPath($"'{operation.Path}' is not a valid path: the ']' is missing");
        var ids = MemberFilter(operation.Path[(bracket + 1)..^1]);
        group.MemberIds.RemoveAll(ids.Contains);
    }

    private static void SetGroup(ScimGroupState group, string op, string path, JsonElement value)
    {
        var bare = path.StartsWith(ScimSchemas.Group + ":", StringComparison.OrdinalIgnoreCase) ? path[(ScimSchemas.Group.Length + 1)..] : path;
        switch (bare.ToLowerInvariant())
        {
            case "displayname":
                group.Name = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw ScimError.InvalidValue("'displayName' must be a string");
                break;
            case "members":
                var ids = MemberIds(value);
                if (op == "replace") group.MemberIds = ids;
                else group.MemberIds.AddRange(ids.Where(id => !group.MemberIds.Contains(id)));
                break;
            default:
                throw ScimError.InvalidPath($"'{path}' is not a path of a group");
        }
    }

    /// <summary>Members as [{"value": id}, ...] (RFC 7643 §4.2), a single such object taken as a list of one.</summary>
    public static List<string> MemberIds(JsonElement value)
    {
        var entries = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().ToList(),
            JsonValueKind.Object => [value],
            _ => throw ScimError.InvalidValue("'members' must be an array of {\"value\": id} objects"),
        };
        return entries.Select(e => e.ValueKind == JsonValueKind.Object && ScimJson.Property(e, "value") is { ValueKind: JsonValueKind.String } id
            ? id.GetString()!
            : throw ScimError.InvalidValue("Each member must be an object with a string 'value', the user's id")).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The ids a value filter names: value eq "id", joined by or.</summary>
    private static HashSet<string> MemberFilter(string filter)
    {
        ScimFilterNode node;
        try
        {
            node = ScimFilterParser.Parse(filter);
        }
        catch (ScimFilterException e)
        {
            throw ScimError.InvalidPath($"members[{filter}]: {e.Message}");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Collect(ScimFilterNode n)
        {
            switch (n)
            {
                case ScimLogical { Operator: "or" } or:
                    Collect(or.Left);
                    Collect(or.Right);
                    break;
                case ScimComparison { Operator: "eq" } eq when string.Equals(eq.Attribute, "value", StringComparison.OrdinalIgnoreCase)
                                                               && eq.Value.ValueKind == JsonValueKind.String:
                    ids.Add(eq.Value.GetString()!);
                    break;
                default:
                    throw ScimError.InvalidPath($"members[{filter}]: members are chosen by value eq \"id\", joined by or");
            }
        }
        Collect(node);
        return ids;
    }
}
