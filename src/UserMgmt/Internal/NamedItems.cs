using System.Management.Automation;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Picks items a command lists by what the user typed: an id exactly, a name (or another key) in any case or by
/// wildcard. A name that matches nothing is an error record naming it, and the others still come.
/// </summary>
internal static class NamedItems
{
    public static IReadOnlyList<T> Pick<T>(Cmdlet command, IReadOnlyList<T> items, IReadOnlyList<string>? given, Func<T, string> id, Func<T, string> name,
        string what, Func<T, string?>? otherKey = null)
    {
        if (given is not { Count: > 0 }) return items;
        var picked = new List<T>();
        foreach (var text in given)
        {
            var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase);
            var found = items.Where(i => id(i) == text || pattern.IsMatch(name(i)) || (otherKey?.Invoke(i) is { } key && pattern.IsMatch(key))).ToList();
            if (found.Count == 0)
                command.WriteError(new ErrorRecord(new ItemNotFoundException($"No {what} has the name or id '{text}'."),
                    "UserMgmt.NotFound", ErrorCategory.ObjectNotFound, text));
            picked.AddRange(found.Where(f => !picked.Contains(f)));
        }
        return picked;
    }
}
