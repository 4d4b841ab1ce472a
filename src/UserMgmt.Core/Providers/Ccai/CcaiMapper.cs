using UserMgmt.Bulk;
using UserMgmt.Model;

namespace UserMgmt.Providers.Ccai;

/// <summary>Maps CCAI's wire shapes onto the canonical model and bulk rows, and rows onto the file format.</summary>
internal static class CcaiMapper
{
    /// <summary>The file's columns in the order the platform numbers them in its error reports.</summary>
    public static readonly string[] Columns =
    [
        "email", "new_email", "agent_number", "first_name", "last_name", "status", "location",
        "max_chat_limit", "max_chat_limit_enabled", "roles", "teams",
    ];

    public static string? ColumnName(int? number) => number is int n && n >= 1 && n <= Columns.Length ? Columns[n - 1] : null;

    public static User ToUser(CcaiUserDto dto) => new()
    {
        Id = dto.Id ?? dto.Email ?? throw new FormatException("A user in the answer has no id."),
        Email = dto.Email ?? string.Empty,
        FirstName = dto.FirstName,
        LastName = dto.LastName,
        // P3: deactivated_at has no value for an active user; "no value" may come as null, "" or nothing at all.
        Status = string.Equals(dto.Status, "Inactive", StringComparison.OrdinalIgnoreCase) || !string.IsNullOrWhiteSpace(dto.DeactivatedAt)
            ? UserStatus.Inactive : UserStatus.Active,
        Roles = Held(dto.Roles),
        Groups = Held(dto.Teams),
        Attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["agentNumber"] = dto.AgentNumber is null ? [] : [dto.AgentNumber],
            ["location"] = dto.Location is null ? [] : [dto.Location],
        }.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase),
    };

    public static BulkUserRow ToRow(CcaiUserDto dto, int number) => new()
    {
        Email = dto.Email,
        AgentNumber = dto.AgentNumber,
        FirstName = dto.FirstName,
        LastName = dto.LastName,
        Status = dto.Status,
        Location = dto.Location,
        MaxChatLimit = dto.MaxChatLimit,
        MaxChatLimitEnabled = dto.MaxChatLimitEnabled is { } flag ? flag == 1 : null,
        Roles = Held(dto.Roles),
        Teams = Held(dto.Teams),
        SourceRow = number,
    };

    /// <summary>
    /// One user's change as a file row: a user already there is named by address and keeps the names
    /// the platform holds (the vendor's file format requires both); someone new comes with their names.
    /// </summary>
    public static BulkUserRow ToRow(UserChange change, int number)
    {
        var row = new BulkUserRow
        {
            Email = change.Email,
            FirstName = change.Existing is null ? change.FirstName : change.Existing.FirstName,
            LastName = change.Existing is null ? change.LastName : change.Existing.LastName,
            Status = change.Enabled switch { true => "Active", false => "Inactive", null => null },
            Teams = change.Join.Select(g => g.Name).ToList(),
            LeftTeams = change.Leave.Select(g => g.Name).ToList(),
            Roles = change.GrantRoles,
            LeftRoles = change.RevokeRoles,
            SourceRow = number,
        };
        foreach (var (name, values) in change.Attributes)
        {
            var value = values.Count == 0 ? null : string.Join(";", values);
            row = AttributeKey(name) switch
            {
                "location" => row with { Location = value, ClearLocation = value is null },
                "agentnumber" => row with { AgentNumber = value },
                _ => throw new ArgumentException($"'{name}' is not among the settable attributes; the plan should have refused it.", nameof(change)),
            };
        }
        return row;
    }

    /// <summary>One spelling of an attribute name, however it was written (agentNumber, agent_number, AgentNumber).</summary>
    public static string AttributeKey(string attribute) => attribute.Replace("_", "").ToLowerInvariant();

    /// <summary>
    /// The rows as the file carries them. Absent values are left out so the platform keeps what it has; a location
    /// to empty is written as null, the one form the vendor's file table takes for "no location".
    /// </summary>
    public static byte[] FileBytes(IReadOnlyList<BulkUserRow> rows, System.Text.Json.JsonSerializerOptions json)
    {
        var file = System.Text.Json.JsonSerializer.SerializeToNode(rows.Select(ToFile).ToList(), json)!.AsArray();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].ClearLocation) file[i]!["location"] = null;
        return System.Text.Encoding.UTF8.GetBytes(file.ToJsonString(json));
    }

    /// <summary>A row as the file carries it; absent values are left out so the platform keeps what it has.</summary>
    public static CcaiUserDto ToFile(BulkUserRow row) => new()
    {
        Email = row.Email,
        NewEmail = Blank(row.NewEmail),
        AgentNumber = Blank(row.AgentNumber),
        FirstName = Blank(row.FirstName),
        LastName = row.LastName,
        Status = Blank(row.Status),
        Location = Blank(row.Location),
        MaxChatLimit = row.MaxChatLimit,
        MaxChatLimitEnabled = row.MaxChatLimitEnabled is { } on ? (on ? 1 : 0) : null,
        Roles = row.Roles.Count + row.LeftRoles.Count == 0
            ? null
            : row.Roles.Select(r => new CcaiNameValue { Name = r, Value = 1 }).Concat(row.LeftRoles.Select(r => new CcaiNameValue { Name = r, Value = 0 })).ToList(),
        Teams = row.Teams.Count + row.LeftTeams.Count == 0
            ? null
            : row.Teams.Select(t => new CcaiNameValue { Name = t, Value = 1 }).Concat(row.LeftTeams.Select(t => new CcaiNameValue { Name = t, Value = 0 })).ToList(),
    };

    public static BulkJob ToJob(CcaiJobDto dto, IReadOnlyList<BulkUserRow>? rows = null)
    {
        var job = new BulkJob
        {
            Id = dto.Id,
            Status = dto.Status ?? "unknown",
            Filename = dto.Filename,
            CreatedAt = CcaiDates.Read(dto.CreatedAt),
            ProcessRequestedAt = CcaiDates.Read(dto.ProcessRequestedAt),
            ProcessRequested = !string.IsNullOrWhiteSpace(dto.ProcessRequestedAt),
            TotalRows = dto.TotalRows,
            AffectedRows = dto.AffectedRows,
            FailedRows = dto.FailedRows,
            UploadedBy = dto.UploadedApiUserName,
            ProceededBy = dto.ProceedApiUserName,
            Rows = rows ?? [],
        };
        // Traced through the job's rows, so they are placed once the rows are attached.
        return job with
        {
            Errors = [.. (dto.SchemeErrors ?? []).Select(e => ToError(e, job, BulkErrorKind.Scheme)),
                .. (dto.UpdateErrors ?? []).Select(e => ToError(e, job, BulkErrorKind.Update))],
        };
    }

    /// <summary>An error traced back to the input row through the job's rows (file row N is the job's Nth row).</summary>
    public static BulkJobError ToError(CcaiErrorDto dto, BulkJob job, BulkErrorKind kind)
    {
        var row = dto.Row is { } n && n >= 1 && n <= job.Rows.Count ? job.Rows[n - 1] : null;
        return new BulkJobError
        {
            JobId = job.Id,
            Kind = kind,
            Severity = dto.ErrorType == "warning" ? BulkErrorSeverity.Warning : BulkErrorSeverity.Error,
            Message = dto.Message ?? "(no message)",
            Column = ColumnName(dto.Column),
            FileRow = dto.Row,
            SourceRow = row?.SourceRow,
            SourceFile = row?.SourceFile,
            Email = row?.Email,
            InputObject = row?.InputObject,
        };
    }

    /// <summary>
    /// The roles or teams held: in a flagged list (any entry carries a value) those flagged 1; in a list
    /// without flags, every entry, since such a list names only what is held.
    /// </summary>
    private static List<string> Held(List<CcaiNameValue>? items)
    {
        var named = (items ?? []).Where(i => !string.IsNullOrEmpty(i.Name)).ToList();
        var flagged = named.Any(i => i.Value is not null);
        return named.Where(i => !flagged || i.Value == 1).Select(i => i.Name!).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
