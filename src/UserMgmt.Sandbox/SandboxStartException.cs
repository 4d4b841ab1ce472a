using Microsoft.Data.Sqlite;

namespace UserMgmt.Sandbox;

/// <summary>Why the sandbox cannot start, in one line that names the option to change.</summary>
public sealed class SandboxStartException(string message, Exception? cause = null) : Exception(message, cause)
{
    public static SandboxStartException Database(string path, Exception cause) => new($"--db {path}: {DatabaseProblem(path, cause)}", cause);

    public static SandboxStartException Listening(string urls, Exception cause) =>
        new($"--urls {urls}: {cause.Message.ReplaceLineEndings(" ")}", cause);

    private static string DatabaseProblem(string path, Exception cause) => cause switch
    {
        SqliteException { SqliteErrorCode: 14 } when Directory.Exists(path) => "is a folder; give a file in it, such as " + Path.Combine(path, "sandbox.db"),
        SqliteException { SqliteErrorCode: 14 } when Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder) =>
            $"the folder {folder} does not exist",
        SqliteException { SqliteErrorCode: 14 } => "cannot be opened or created here (are the folder's permissions right?)",
        SqliteException { SqliteErrorCode: 26 } => "is not a SQLite database",
        SqliteException { SqliteErrorCode: 8 or 3 or 23 } => "cannot be written",
        SqliteException { SqliteErrorCode: 11 } => "is damaged: " + cause.Message,
        SqliteException { SqliteErrorCode: 13 } => "the disk is full",
        _ => cause.Message.ReplaceLineEndings(" "),
    };
}
