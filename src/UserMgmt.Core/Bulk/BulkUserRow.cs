namespace UserMgmt.Bulk;

/// <summary>
/// One row of a bulk user job, in the platform's file format, and where it came from so that
/// errors can be traced back to the input.
/// </summary>
public sealed record BulkUserRow
{
    public string? Email { get; init; }
    public string? NewEmail { get; init; }
    public string? AgentNumber { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    /// <summary>Active, Inactive, or empty to leave as it is. Inactive deactivates the user.</summary>
    public string? Status { get; init; }
    public string? Location { get; init; }
    /// <summary>Empty the user's location (a change to clear it), rather than leave it as it is.</summary>
    public bool ClearLocation { get; init; }
    public int? MaxChatLimit { get; init; }
    public bool? MaxChatLimitEnabled { get; init; }
    /// <summary>Roles the user is to have (names).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>Roles the user is to lose (names).</summary>
    public IReadOnlyList<string> LeftRoles { get; init; } = [];
    /// <summary>Teams the user is to be in (names).</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
    /// <summary>Teams the user is to leave (names).</summary>
    public IReadOnlyList<string> LeftTeams { get; init; } = [];

    /// <summary>The row's position in the input, from 1.</summary>
    public int SourceRow { get; init; }
    /// <summary>The file the row was read from, when it came from one.</summary>
    public string? SourceFile { get; init; }
    /// <summary>The row as it came in, to be sent again if it fails.</summary>
    public object? InputObject { get; init; }

    public override string ToString() => Email ?? $"row {SourceRow}";
}
