using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Model;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Gets groups, all of them or by name or id.</summary>
[Cmdlet(VerbsCommon.Get, "Group")]
[OutputType(typeof(Group))]
public sealed class GetGroupCommand : UserMgmtCmdlet
{
    /// <summary>Group names or ids; all groups when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.GroupName, "Group", ParameterAliases.Id)]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        // What is read here is what later commands on the connection resolve group names with.
        var queries = new DirectoryQueries(connection.Client, connection.Groups);
        if (Name is not { Length: > 0 })
        {
            WriteObject(RunEngine(ct => queries.ListGroupsAsync(null, ct)), enumerateCollection: true);
            return;
        }
        foreach (var name in Name)
        {
            var found = RunEngine(ct => queries.ListGroupsAsync(name, ct));
            if (found.Count > 0) WriteObject(found, enumerateCollection: true);
            else WriteError(new ErrorRecord(new ItemNotFoundException($"No group has the name or id '{name}'."),
                "UserMgmt.GroupNotFound", ErrorCategory.ObjectNotFound, name));
        }
    }
}
