using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using UserMgmt.Connections;
using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Completes names the platform knows (groups, roles, job ids) from the current connection. Names are
/// cached for a minute, and a slow or failing platform completes nothing rather than blocking the prompt.
/// </summary>
public abstract class LiveNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private static readonly Dictionary<(Guid, Type), (DateTimeOffset At, IReadOnlyList<string> Names)> Cache = [];

    protected abstract Task<IEnumerable<string>> NamesAsync(UserMgmtConnection connection, CancellationToken cancellationToken);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = fakeBoundParameters["Connection"] as UserMgmtConnection ?? CurrentConnection.Value;
        if (connection is null) return [];
        return NameCompletion.Complete(Names(connection), wordToComplete).Select(n => new CompletionResult(n));
    }

    private IReadOnlyList<string> Names(UserMgmtConnection connection)
    {
        var key = (connection.Id, GetType());
        lock (Cache)
            if (Cache.TryGetValue(key, out var cached) && DateTimeOffset.Now - cached.At < CacheFor) return cached.Names;
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            var names = Task.Run(() => NamesAsync(connection, timeout.Token)).GetAwaiter().GetResult().ToList();
            lock (Cache) Cache[key] = (DateTimeOffset.Now, names);
            return names;
        }
        catch (Exception)
        {
            return [];
        }
    }
}

/// <summary>Completes group (team) names.</summary>
public sealed class GroupNameCompleter : LiveNameCompleter
{
    protected override async Task<IEnumerable<string>> NamesAsync(UserMgmtConnection connection, CancellationToken cancellationToken) =>
        (await connection.Groups.RecentAsync(cancellationToken)).Groups.Select(g => g.Name);
}

/// <summary>Completes role names, on platforms with bulk jobs (their template lists the roles).</summary>
public sealed class RoleNameCompleter : LiveNameCompleter
{
    protected override async Task<IEnumerable<string>> NamesAsync(UserMgmtConnection connection, CancellationToken cancellationToken) =>
        connection.Client.BulkJobs is { } client ? (await client.GetTemplateAsync(cancellationToken)).Roles : [];
}

/// <summary>Completes the ids of the newest bulk jobs.</summary>
public sealed class JobIdCompleter : LiveNameCompleter
{
    protected override async Task<IEnumerable<string>> NamesAsync(UserMgmtConnection connection, CancellationToken cancellationToken) =>
        connection.Client.BulkJobs is { } client ? (await client.ListJobsAsync(1, 25, cancellationToken)).Select(j => j.Id.ToString()) : [];
}
