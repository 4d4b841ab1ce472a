using UserMgmt.Model;
using UserMgmt.Providers;

namespace UserMgmt.Connections;

/// <summary>
/// The platform's groups as last read on one connection. Commands resolve group names through this list for
/// <see cref="Lifetime"/> instead of reading it again each time. What could make it wrong is handled where it
/// happens: a name the list does not hold is always read again (a group made elsewhere is found), Get-Group reads
/// it afresh, and a command that creates groups or has a change refused forgets it, so a re-run reads the platform.
/// A command reads the list itself before sending a change to groups, whose ids a group renamed elsewhere keeps:
/// what the kept list saves is the read of a command that finds nothing to change.
/// </summary>
public sealed class KnownGroups(IUserProvider provider, TimeProvider clock)
{
    /// <summary>
    /// How long a list read by one command serves later ones: long enough for a script's commands run one after
    /// another, short enough that a group renamed elsewhere is not known by its old name for long.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private sealed record Reading(IReadOnlyList<Group> Groups, DateTimeOffset At);

    private readonly object _gate = new();
    private Reading? _last;
    // Raised by Forget, so a read that began before a change cannot keep what it saw for later commands.
    private int _generation;

    public KnownGroups(IUserProvider provider) : this(provider, TimeProvider.System) { }

    /// <summary>The list read within the lifetime, or the platform's list now; Reused says which.</summary>
    public async Task<(IReadOnlyList<Group> Groups, bool Reused)> RecentAsync(CancellationToken cancellationToken)
    {
        Reading? last;
        lock (_gate) last = _last;
        if (last is not null && clock.GetUtcNow() - last.At < Lifetime) return (last.Groups, true);
        return (await ReadAsync(cancellationToken), false);
    }

    /// <summary>The platform's list now, kept for later commands.</summary>
    public async Task<IReadOnlyList<Group>> ReadAsync(CancellationToken cancellationToken)
    {
        int generation;
        lock (_gate) generation = _generation;
        var startedAt = clock.GetUtcNow();
        IReadOnlyList<Group> groups = [.. await provider.ListGroupsAsync(cancellationToken)];
        lock (_gate)
            if (_generation == generation) _last = new Reading(groups, startedAt);
        return groups;
    }

    /// <summary>The next command reads the platform's list again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _generation++;
            _last = null;
        }
    }
}
