namespace UserMgmt.Providers.Ccai;

// Wire shapes of CCAI Platform's Apps API; snake_case on the wire.

internal sealed class CcaiNameValue
{
    public string? Name { get; set; }
    public int Value { get; set; }
}

internal sealed class CcaiUserDto
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? NewEmail { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? AgentNumber { get; set; }
    public string? Status { get; set; }
    public string? DeactivatedAt { get; set; }
    public string? Location { get; set; }
    public int? MaxChatLimit { get; set; }
    public int? MaxChatLimitEnabled { get; set; }
    public List<CcaiNameValue>? Roles { get; set; }
    public List<CcaiNameValue>? Teams { get; set; }
}

internal sealed class CcaiJobDto
{
    public long Id { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? ProcessRequestedAt { get; set; }
    public string? Filename { get; set; }
    // Null until the platform has counted: no source says the counters are always numbers.
    public int? TotalRows { get; set; }
    public int? AffectedRows { get; set; }
    public int? FailedRows { get; set; }
    public string? UploadedApiUserName { get; set; }
    public string? ProceedApiUserName { get; set; }
    // The status may carry the job's error logs; null where it does not.
    public List<CcaiErrorDto>? SchemeErrors { get; set; }
    public List<CcaiErrorDto>? UpdateErrors { get; set; }
}

internal sealed class CcaiErrorDto
{
    public string? Message { get; set; }
    public int? Column { get; set; }
    public int? Row { get; set; }
    public string? ErrorType { get; set; }
}
