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
