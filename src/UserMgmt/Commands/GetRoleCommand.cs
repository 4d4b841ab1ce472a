using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Model;

namespace UserMgmt.Commands;

/// <summary>Gets the platform's roles, lightest first, all of them or by name or id; an invitation names them with -Role.</summary>
[Cmdlet(VerbsCommon.Get, "Role")]
[OutputType(typeof(Role))]
public sealed class GetRoleCommand : UserMgmtCmdlet
{
    /// <summary>Role names (wildcards allowed) or ids; all roles when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Role", "Id")]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        if (!connection.Client.Capabilities.HasRoles)
        {
            WriteError(new ErrorRecord(new PSNotSupportedException($"{connection.Platform} has no roles an invitation can name."),
                "UserMgmt.NoRoles", ErrorCategory.NotImplemented, connection.Platform));
            return;
        }
        var roles = RunEngine(ct => connection.Client.ListRolesAsync(ct));
        WriteObject(NamedItems.Pick(this, roles, Name, r => r.Id, r => r.Name, "role"), enumerateCollection: true);
    }
}
