namespace UserMgmt.Benchmarks.Throughput;

/// <summary>The names every approach uses for the same rows, shared with the engine's host process.</summary>
public static class Addresses
{
    public const string GroupName = "Bench";
    public const string GroupId = "bench-group";
    public const string Department = "Bench Department";

    /// <summary>Addresses not yet in the directory: the rows of an invitation.</summary>
    public static string Invitee(int row) => $"new{row:D7}@example.com";

    /// <summary>Users the directory holds before the run: the rows of membership and attribute changes.</summary>
    public static string Member(int row) => $"member{row:D7}@example.com";
    public static string MemberId(int row) => $"member-{row:D7}";

    /// <summary>The other users of a large directory, none of them named by a row.</summary>
    public static string Other(int row) => $"other{row:D7}@example.com";
    public static string OtherId(int row) => $"other-{row:D7}";

    /// <summary>Addresses piped through -WhatIf in the streaming figure.</summary>
    public static string Streamed(long row) => $"stream{row:D8}@example.com";
}
