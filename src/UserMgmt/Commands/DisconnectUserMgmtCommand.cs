using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Connections;

namespace UserMgmt.Commands;

/// <summary>Closes a connection (the current one when none is given).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "UserMgmt")]
[OutputType(typeof(void))]
public sealed class DisconnectUserMgmtCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public UserMgmtConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var connection = Connection ?? CurrentConnection.Value;
        if (connection is null)
        {
            WriteVerbose("Not connected; nothing to disconnect.");
            return;
        }
        CurrentConnection.Clear(connection);
        connection.Dispose();
        WriteVerbose($"Disconnected from {connection}.");
    }
}
