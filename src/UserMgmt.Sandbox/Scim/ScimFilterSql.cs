using System.Text.Json;

namespace UserMgmt.Sandbox.Scim;

/// <summary>A filterable attribute: the SQL expression it is read from, and whether it is text or a boolean.</summary>
internal sealed record ScimColumn(string Sql, bool IsBoolean = false, bool CaseExact = false);

/// <summary>A parsed filter as a SQL condition with parameters: values never become SQL text.</summary>
internal static class ScimFilterSql
{
    public const string UserDisplayName =
        "CASE WHEN trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) = '' THEN email " +
        "ELSE trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) END";

    public static readonly IReadOnlyDictionary<string, ScimColumn> UserColumns = new Dictionary<string, ScimColumn>
    {
        ["username"] = new("email"),
        ["emails.value"] = new("email"),
        ["emails"] = new("email"),
        ["displayname"] = new(UserDisplayName),
        ["active"] = new("enabled", IsBoolean: true),
        ["id"] = new("id", CaseExact: true),
        ["name.givenname"] = new("first_name"),
        ["name.familyname"] = new("last_name"),
    };

    public static readonly IReadOnlyDictionary<string, ScimColumn> GroupColumns = new Dictionary<string, ScimColumn>
    {
        ["displayname"] = new("g.name"),
        ["id"] = new("g.id", CaseExact: true),
    };

    public static (string Sql, List<(string, object?)> Args) Translate(string? filter, IReadOnlyDictionary<string, ScimColumn> columns, string coreSchema)
    {
        var args = new List<(string, object?)>();
        if (string.IsNullOrEmpty(filter)) return ("1 = 1", args);
        ScimFilterNode node;
        try
        {
            node = ScimFilterParser.Parse(filter);
        }
        catch (ScimFilterException e)
        {
            throw ScimError.BadRequest("invalidFilter", e.Message);
        }
        return (Sql(node, columns, coreSchema, args), args);
    }

    private static string Sql(ScimFilterNode node, IReadOnlyDictionary<string, ScimColumn> columns, string coreSchema, List<(string, object?)> args)
    {
        switch (node)
        {
            case ScimLogical logical:
                return $"({Sql(logical.Left, columns, coreSchema, args)} {(logical.Operator == "and" ? "AND" : "OR")} {Sql(logical.Right, columns, coreSchema, args)})";
            case ScimPresent present:
            {
                var column = Column(present.Attribute, columns, coreSchema);
                return column.IsBoolean ? $"({column.Sql} IS NOT NULL)" : $"(coalesce({column.Sql}, '') <> '')";
            }
            case ScimComparison comparison:
            {
                var column = Column(comparison.Attribute, columns, coreSchema);
                var name = $"@f{args.Count}";
                if (column.IsBoolean)
                {
                    if (comparison.Operator != "eq" || comparison.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        throw ScimError.BadRequest("invalidFilter", $"'{comparison.Attribute}' is a boolean: compare it with eq true or eq false");
                    args.Add((name, comparison.Value.ValueKind == JsonValueKind.True));
                    return $"({column.Sql} = {name})";
                }
                if (comparison.Value.ValueKind != JsonValueKind.String)
                    throw ScimError.BadRequest("invalidFilter", $"'{comparison.Attribute}' is a string: compare it with a quoted value");
                var value = comparison.Value.GetString()!;
                args.Add((name, value));
                // Case-insensitive unless the attribute is caseExact (RFC 7643 §2.1), folded by SQLite on both sides.
                var (target, given) = column.CaseExact ? (column.Sql, name) : ($"lower({column.Sql})", $"lower({name})");
                return comparison.Operator switch
                {
                    "eq" => $"({target} = {given})",
                    "co" => $"(instr({target}, {given}) > 0)",
                    _ => $"(substr({target}, 1, length({given})) = {given})",
                };
            }
            default:
                throw new InvalidOperationException($"Unknown filter node {node}");
        }
    }

    private static ScimColumn Column(string attribute, IReadOnlyDictionary<string, ScimColumn> columns, string coreSchema) =>
        columns.TryGetValue(ScimFilterParser.Normalised(attribute, coreSchema), out var column)
            ? column
            : throw ScimError.BadRequest("invalidFilter",
                $"'{attribute}' cannot be filtered on; this service filters on {string.Join(", ", columns.Keys)}");
}
