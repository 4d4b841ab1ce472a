using System.Text.Json.Nodes;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// One user's attribute changes: a PATCH of replace and remove operations, or, where the service has no PATCH, the
/// user read and put back with the changes laid over it. A manager may be named by address; SCIM keeps the id.
/// </summary>
internal sealed class ScimAttributeWriter(ScimProvider provider, string userId)
{
    private string Resource => provider.UserResource(userId);

    public async Task WriteAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken)
    {
        var values = await ValuesAsync(attributes, cancellationToken);
        await provider.ChangeAsync(Resource, PatchOf(values), user => LayOver(user, values), cancellationToken);
    }

    /// <summary>The PATCH operations that make these changes, for a request that carries them with others (Bulk).</summary>
    public async Task<IReadOnlyList<ScimPatchOperation>> OperationsAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> attributes,
        CancellationToken cancellationToken) =>
        PatchOf(await ValuesAsync(attributes, cancellationToken));

    private static List<ScimPatchOperation> PatchOf(IReadOnlyDictionary<string, string?> values) =>
        values.Select(v => Operation(v.Key, v.Value)).ToList();

    /// <summary>Each attribute's one value, null to empty it, a manager's address turned into the manager's id.</summary>
    private async Task<Dictionary<string, string?>> ValuesAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, given) in attributes)
        {
            if (given.Count > 1)
                throw new ScimRowRefusedException($"SCIM's {name} holds one value, and {given.Count} were given; nothing was sent for this user");
            var value = given.Count == 0 ? null : given[0];
            values[name] = value is not null && ScimAttributes.IsManager(name) ? await ManagerIdAsync(value, cancellationToken) : value;
        }
        return values;
    }

    private static ScimPatchOperation Operation(string name, string? value) => value is null
        ? new ScimPatchOperation { Op = "remove", Path = ScimAttributes.PathOf(name) }
        : new ScimPatchOperation
        {
            Op = "replace",
            Path = ScimAttributes.PathOf(name),
            Value = ScimAttributes.IsManager(name) ? new Dictionary<string, string> { ["value"] = value } : value,
        };

    private static void LayOver(JsonObject user, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            var target = ScimAttributes.IsEnterprise(name) ? ScimResourceJson.ExtensionOf(user, ScimSchemas.EnterpriseUser) : user;
            var key = ScimAttributes.PathOf(name).Split(':')[^1];
            if (value is null) target.Remove(key);
            else target[key] = ScimAttributes.IsManager(name) ? new JsonObject { ["value"] = value } : value;
        }
    }

    private async Task<string> ManagerIdAsync(string manager, CancellationToken cancellationToken)
    {
        if (!Operations.InputText.IsValidEmail(manager)) return manager;
        return await provider.UsersWithEmailAsync(manager, cancellationToken) switch
        {
            [var one] => one.Id,
            [] => throw new ScimRowRefusedException($"no user has the address {manager}, so it cannot be the manager; nothing was sent for this user"),
            var several => throw new ScimRowRefusedException(
                $"{several.Count} users have the address {manager} ({string.Join(", ", several.Select(u => u.Id))}), so it names no one manager: "
                + "give the manager's id; nothing was sent for this user"),
        };
    }
}
