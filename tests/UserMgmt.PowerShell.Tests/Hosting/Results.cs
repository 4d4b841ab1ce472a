using System.Management.Automation;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>Reading OperationResult objects as a user would: in input order (they arrive as rows are settled).</summary>
public static class Results
{
    public static IReadOnlyList<PSObject> InRowOrder(this Invocation invocation) =>
        invocation.Output.OrderBy(o => (int)o.Properties["Row"].Value).ToList();

    public static IReadOnlyList<string> Statuses(this Invocation invocation) =>
        invocation.InRowOrder().Select(o => o.Properties["Status"].Value.ToString()!).ToList();

    public static IReadOnlyList<string> Targets(this Invocation invocation) =>
        invocation.InRowOrder().Select(o => o.Properties["Target"].Value.ToString()!).ToList();

    public static string Text(this PSObject o, string property) => o.Properties[property]?.Value?.ToString() ?? "";
}
