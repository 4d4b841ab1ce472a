using UserMgmt.Connections;

namespace UserMgmt.Commands.Internal;

/// <summary>The connection commands use when none is passed with -Connection.</summary>
internal static class CurrentConnection
{
    private static UserMgmtConnection? _connection;

    public static UserMgmtConnection? Value => Volatile.Read(ref _connection);

    /// <summary>Makes this the current connection and closes the one it replaces.</summary>
    public static void Set(UserMgmtConnection connection) => Interlocked.Exchange(ref _connection, connection)?.Dispose();

    /// <summary>Forgets the connection if it is the current one.</summary>
    public static void Clear(UserMgmtConnection connection) => Interlocked.CompareExchange(ref _connection, null, connection);
}
