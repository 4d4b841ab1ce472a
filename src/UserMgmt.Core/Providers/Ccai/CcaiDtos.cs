using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Ccai;

// Wire shapes of CCAI Platform's Apps API; snake_case on the wire.

/// <summary>
/// A role or team: P1's template flags each with value 0 or 1; a list may instead carry the held ones
/// alone, as {id, name} without a value.
/// </summary>
internal sealed class CcaiNameValue
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Id { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Name { get; set; }
    [JsonConverter(typeof(LenientIntConverter))] public int? Value { get; set; }
}

/// <summary>A user as /users (P3) and the template (P1) show one, and a row of the upload file (P2); every value read leniently.</summary>
internal sealed class CcaiUserDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Id { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Email { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? NewEmail { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? FirstName { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? LastName { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? AgentNumber { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Status { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? DeactivatedAt { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Location { get; set; }
    [JsonConverter(typeof(LenientLimitConverter))] public int? MaxChatLimit { get; set; }
    [JsonConverter(typeof(LenientLimitConverter))] public int? MaxChatLimitEnabled { get; set; }
    public List<CcaiNameValue>? Roles { get; set; }
    public List<CcaiNameValue>? Teams { get; set; }
}

/// <summary>A job as upload, proceed, status and the job list show one (P1†); every value read leniently.</summary>
internal sealed class CcaiJobDto
{
    [JsonConverter(typeof(LenientJobIdConverter))] public long Id { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Status { get; set; }
    // Kept as text: a date that cannot be read still says the platform recorded the moment (CcaiDates).
    [JsonConverter(typeof(LenientStringConverter))] public string? CreatedAt { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? ProcessRequestedAt { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Filename { get; set; }
    // Null until the platform has counted: no source says the counters are always numbers.
    [JsonConverter(typeof(LenientIntConverter))] public int? TotalRows { get; set; }
    [JsonConverter(typeof(LenientIntConverter))] public int? AffectedRows { get; set; }
    [JsonConverter(typeof(LenientIntConverter))] public int? FailedRows { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? UploadedApiUserName { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? ProceedApiUserName { get; set; }
    // The status may carry the job's error logs; null where it does not.
    public List<CcaiErrorDto>? SchemeErrors { get; set; }
    public List<CcaiErrorDto>? UpdateErrors { get; set; }
}

internal sealed class CcaiErrorDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Message { get; set; }
    [JsonConverter(typeof(LenientIntConverter))] public int? Column { get; set; }
    [JsonConverter(typeof(LenientIntConverter))] public int? Row { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? ErrorType { get; set; }
}
