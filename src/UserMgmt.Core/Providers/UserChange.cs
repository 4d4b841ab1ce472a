using UserMgmt.Model;

namespace UserMgmt.Providers;

/// <summary>
/// What one command changes for one person, for platforms that change users through server-side
/// jobs: each change becomes one row of a job's file. Only what is named changes.
/// </summary>
public sealed record UserChange
{
    public required string Email { get; init; }

    /// <summary>The user as the platform holds them; null for someone the change creates.</summary>
    public User? Existing { get; init; }

    /// <summary>The names of someone the change creates.</summary>
    public string? FirstName { get; init; }
    public string? LastName { get; init; }

    public IReadOnlyList<Group> Join { get; init; } = [];
    public IReadOnlyList<Group> Leave { get; init; } = [];
    /// <summary>Roles to give and to take away, by name.</summary>
    public IReadOnlyList<string> GrantRoles { get; init; } = [];
    public IReadOnlyList<string> RevokeRoles { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
    public bool? Enabled { get; init; }

    public override string ToString() => Email;
}

/// <summary>How the platform's job ended for one change.</summary>
public enum UserChangeResult
{
    Applied,
    /// <summary>The platform refused this row; the message is its reason.</summary>
    Refused,
    /// <summary>
    /// Not known to be applied, though not refused either (the job refused the file for other rows,
    /// or did not say which rows failed): the row states the user as wanted, so it can be sent again.
    /// </summary>
    NotApplied,
}

/// <summary>One change's end; for Applied, the message carries the platform's warnings, if any.</summary>
public sealed record UserChangeOutcome(UserChangeResult Result, string? Message = null)
{
    public static readonly UserChangeOutcome Applied = new(UserChangeResult.Applied);

    /// <summary>Applied, but the platform warned, in these words, that it left out group changes of the row (a team it does not have).</summary>
    public IReadOnlyList<string> GroupWarnings { get; init; } = [];

    /// <summary>Applied, but the platform warned, in these words, that it left out role changes of the row (a role it does not have).</summary>
    public IReadOnlyList<string> RoleWarnings { get; init; } = [];

    /// <summary>
    /// Whether the warnings leave out <paramref name="name"/>, one of the names the row changes: a row carries one person's
    /// changes of several groups or roles, and warnings that name some of them leave out those alone; warnings that
    /// name none of them leave any of them out, as which one is not said.
    /// </summary>
    public static bool LeftOut(string name, IEnumerable<string> rowNames, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0) return false;
        var named = rowNames.Where(n => warnings.Any(w => Names(w, n))).ToList();
        return named.Count == 0 || named.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether the message names <paramref name="name"/> as a whole word, so that a warning about 'SuperAdmin' does not name Admin.</summary>
    internal static bool Names(string message, string name)
    {
        // An empty name is found everywhere, and names nothing.
        if (name.Length == 0) return false;
        for (var at = message.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = message.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + name.Length;
            if ((at == 0 || !char.IsLetterOrDigit(message[at - 1])) && (end == message.Length || !char.IsLetterOrDigit(message[end]))) return true;
        }
        return false;
    }
}
