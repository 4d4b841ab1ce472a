using System.Management.Automation;

namespace UserMgmt.Commands.Internal;

internal static class ErrorCategories
{
    /// <summary>The PowerShell error category that matches a platform's answer; no answer means the input itself was wrong.</summary>
    public static ErrorCategory FromHttpStatus(int? status) => status switch
    {
        null => ErrorCategory.InvalidData,
        400 or 422 => ErrorCategory.InvalidArgument,
        401 => ErrorCategory.AuthenticationError,
        403 => ErrorCategory.PermissionDenied,
        404 => ErrorCategory.ObjectNotFound,
        409 => ErrorCategory.ResourceExists,
        408 or 504 => ErrorCategory.OperationTimeout,
        429 => ErrorCategory.LimitsExceeded,
        _ => ErrorCategory.InvalidResult,
    };
}
