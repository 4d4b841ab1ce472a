using System.Management.Automation;
using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

internal static class RowResults
{
    /// <summary>Writes a row's result; a failed row is also a non-terminating error whose target is the row as it came in.</summary>
    public static void Write(Cmdlet cmdlet, OperationResult result)
    {
        cmdlet.WriteObject(result);
        if (result.Status == OperationStatus.Failed)
            cmdlet.WriteError(new ErrorRecord(new RowFailedException(result), $"UserMgmt.{result.Operation}Failed",
                ErrorCategories.FromHttpStatus(result.HttpStatus), result.InputObject));
    }
}
