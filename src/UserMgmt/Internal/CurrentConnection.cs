using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using UserMgmt.Connections;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// The connection commands use when none is passed with -Connection: one per runspace, as a
/// session's variables are, so two sessions in one process (a host running several, or
/// ForEach-Object -Parallel) never use or close each other's connection.
/// </summary>
internal static class CurrentConnection
{
    private sealed class Slot
    {
        public UserMgmtConnection? Connection;
    }

    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();
    // Where no runspace is current (not expected on a pipeline thread), one slot for the process.
    private static readonly Slot NoRunspace = new();

    private static Slot Current => Runspace.DefaultRunspace is { } runspace ? Slots.GetOrCreateValue(runspace) : NoRunspace;

    public static UserMgmtConnection? Value => Volatile.Read(ref Current.Connection);

    /// <summary>Makes this the current connection and closes the one it replaces.</summary>
    public static void Set(UserMgmtConnection connection) => Interlocked.Exchange(ref Current.Connection, connection)?.Dispose();

    /// <summary>Forgets the connection if it is the current one.</summary>
    public static void Clear(UserMgmtConnection connection) => Interlocked.CompareExchange(ref Current.Connection, null, connection);
}
