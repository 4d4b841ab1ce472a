using System.Management.Automation;
using UserMgmt.Plans;

namespace UserMgmt.Commands.Internal;

internal static class PlanProblems
{
    /// <summary>A plan problem as a non-terminating error that names the file, line and column.</summary>
    public static ErrorRecord ToError(PlanProblem problem) =>
        new(new InvalidDataException(problem.ToString()), "UserMgmt.PlanInvalid", ErrorCategory.InvalidData, problem);
}
