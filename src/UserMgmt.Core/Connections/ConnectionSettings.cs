using UserMgmt.Rest;

namespace UserMgmt.Connections;

/// <summary>Everything needed to open a connection to one platform tenant.</summary>
public sealed class ConnectionSettings
{
    public required ProviderKind Provider { get; init; }
    public required Uri BaseUri { get; init; }
    public required ApiCredential Credential { get; init; }
    public bool AllowInsecureHttp { get; init; }
    public GroupAssignmentShape GroupAssignmentShape { get; init; } = GroupAssignmentShape.GroupIds;
    /// <summary>Retries and timeouts for every command on this connection, unless a command sets its own.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
