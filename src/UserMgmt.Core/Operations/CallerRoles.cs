using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Operations;

/// <summary>
/// The connection's own roles, where the platform tells them: a role heavier than the heaviest of them is flagged while
/// planning, in the row's description and once a command as a warning, since the platform may refuse it or grant more
/// than its giver holds. Nothing is flagged where the platform does not tell.
/// </summary>
internal sealed class CallerRoles(IReadOnlyList<Role>? own, string platform)
{
    private readonly Role? _heaviest = own?.MaxBy(r => r.Weight);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>The words the row's description gains (empty when nothing is heavier); the first row giving each such role warns.</summary>
    public string Flag(IEnumerable<Role> given, RowRequest row)
    {
        if (own is null) return "";
        var heavier = given.Where(r => _heaviest is null || r.Weight > _heaviest.Weight).ToList();
        if (heavier.Count == 0) return "";
        var yours = _heaviest is null ? $"you hold no role {platform} lists" : $"your own heaviest role is '{_heaviest.Name}' (weight {_heaviest.Weight})";
        foreach (var role in heavier.Where(r => _warned.Add(r.Id)))
            CommandScope.Log.Warning($"Row {row.Row} gives '{role.Name}' (weight {role.Weight}), heavier than any role of yours: {yours}. "
                                     + $"{platform} may refuse it, or grant more than you hold.");
        return $" (heavier than {(_heaviest is null ? "any role of yours" : $"your own '{_heaviest.Name}'")})";
    }
}
