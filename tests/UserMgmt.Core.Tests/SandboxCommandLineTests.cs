using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace UserMgmt.Tests;

/// <summary>
/// The sandbox started as a user starts it: every option it cannot work with ends it with exit
/// code 2 and one line naming the option and what is wrong — no stack trace, no log dump.
/// </summary>
public sealed class SandboxCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("usermgmt-cli-").FullName;

    [Theory]
    [InlineData("missing folder", "--db", "does not exist")]
    [InlineData("folder as file", "--db", "is a folder")]
    [InlineData("not SQLite", "--db", "not a SQLite database")]
    [InlineData("read-only", "--db", "cannot be written")]
    [InlineData("not a URL", "--urls", "not-a-url")]
    [InlineData("https", "--urls", "http://")]
    [InlineData("host name", "--urls", "IP address")]
    [InlineData("port in use", "--urls", "in use")]
    [InlineData("localhost any port", "--urls", "127.0.0.1:0")]
    [InlineData("fault not a number", "--faults", "latency-ms")]
    [InlineData("fault NaN", "--faults", "server-errors")]
    [InlineData("unknown variant", "--variant", "Unknown variant 'numeric-idz'; the variants are numeric-ids,")]
    [InlineData("empty key", "--access-key", "empty")]
    [InlineData("unknown option", "--bogus", "Unknown option")]
    [InlineData("option without value", "--db", "needs a value")]
    public async Task An_option_the_sandbox_cannot_work_with_gives_one_clear_line_and_exit_code_2(string scenario, string option, string explanation)
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var db = Path.Combine(_directory, "sandbox.db");
        string[] args = scenario switch
        {
            "missing folder" => ["--db", Path.Combine(_directory, "missing", "sandbox.db")],
            "folder as file" => ["--db", _directory],
            "not SQLite" => ["--db", WriteText("notes.db", "These are notes, not a database.")],
            "read-only" => ["--db", ReadOnlyDatabase()],
            "not a URL" => ["--db", db, "--urls", "not-a-url"],
            "https" => ["--db", db, "--urls", "https://127.0.0.1:0"],
            "host name" => ["--db", db, "--urls", "http://sandbox.example.com:0"],
            "port in use" => ["--db", db, "--urls", $"http://127.0.0.1:{((IPEndPoint)occupied.LocalEndpoint).Port}"],
            "localhost any port" => ["--db", db, "--urls", "http://localhost:0"],
            "fault not a number" => ["--db", db, "--faults", "latency-ms=abc"],
            "fault NaN" => ["--db", db, "--faults", "server-errors=NaN"],
            "unknown variant" => ["--db", db, "--variant", "null-counters,numeric-idz"],
            "empty key" => ["--db", db, "--access-key", ""],
            "unknown option" => ["--db", db, "--bogus"],
            "option without value" => ["--db"],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var (exitCode, output, errors) = await RunSandboxAsync(args);

        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"{scenario}: expected one line, got:\n{errors}\n{output}");
        Assert.Contains(option, lines[0]);
        Assert.Contains(explanation, lines[0]);
        Assert.DoesNotContain("   at ", errors + output);
        Assert.Equal(2, exitCode);
    }

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    // Root writes any file whatever its mode, so the file is made read-only for SQLite itself:
    // a file format write version above 2 is one SQLite opens read-only.
    private string ReadOnlyDatabase()
    {
        var path = Path.Combine(_directory, "read-only.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE something (id INTEGER)";
            create.ExecuteNonQuery();
        }
        using var file = File.Open(path, FileMode.Open);
        file.Position = 18;
        file.WriteByte(3);
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunSandboxAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UserMgmt.Sandbox.dll"));
        // A free port unless the case says otherwise: a later --urls wins.
        foreach (var arg in new[] { "--urls", "http://127.0.0.1:0" }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(safetyNet.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"The sandbox did not stop within 60 s: it started with {string.Join(' ', args)}");
        }
        return (process.ExitCode, await output, await errors);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
