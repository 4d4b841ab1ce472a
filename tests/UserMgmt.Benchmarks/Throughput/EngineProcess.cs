using System.Diagnostics;
using System.Globalization;
using UserMgmt.Tests.Support;

namespace UserMgmt.Benchmarks.Throughput;

/// <summary>
/// The module as a user runs it, in a process of its own (EngineHost): UserMgmt.psd1 imported into a
/// hosted PowerShell session, rows piped into the cmdlets. One process serves every run; each run
/// connects to that run's sandbox first, outside the clock.
/// </summary>
public sealed class EngineProcess : IDisposable
{
    private readonly Process _process;

    private EngineProcess(Process process) => _process = process;

    public static EngineProcess Start()
    {
        var manifest = Path.Combine(RepoPaths.Root, "UserMgmt.psd1");
        if (!File.Exists(Path.Combine(RepoPaths.Root, "bin", "UserMgmt", "UserMgmt.dll")))
            throw new InvalidOperationException("The module is not built: bin/UserMgmt/UserMgmt.dll is missing (dotnet build src/UserMgmt -c Release).");
        // Built beside this program's own output, in the same configuration (the project references it).
        var project = Path.Combine(RepoPaths.Root, "tests", "UserMgmt.Benchmarks");
        var output = Path.GetRelativePath(project, AppContext.BaseDirectory);
        var host = Path.Combine(project, "EngineHost", output, "UserMgmt.Benchmarks.EngineHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(manifest);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        var engine = new EngineProcess(process);
        var greeting = process.StandardOutput.ReadLine();
        if (greeting != "ready") throw new InvalidOperationException($"The engine's host did not start: {greeting}");
        return engine;
    }

    public void Connect(Uri baseUri, string? membershipCall) => Ask($"connect\t{baseUri}\t{membershipCall ?? "-"}");

    /// <summary>Pipes the rows into the command; answers the time taken, results and rows that succeeded, and the first problem.</summary>
    public (TimeSpan Elapsed, int Results, int Succeeded, string? Problem) Run(Change change, int rows, int firstRow = 1)
    {
        var answer = Ask($"run\t{change.ToString().ToLowerInvariant()}\t{rows}\t{firstRow}");
        return (TimeSpan.FromSeconds(Number(answer[1])), (int)Number(answer[2]), (int)Number(answer[3]), answer[4] == "-" ? null : answer[4]);
    }

    /// <summary>Streams rows through Invite-User -WhatIf; answers the total time, time to first result, results, and memory growth.</summary>
    public StreamFigures Stream(int rows)
    {
        var answer = Ask($"stream\t{rows}");
        return new StreamFigures(rows, TimeSpan.FromSeconds(Number(answer[1])), TimeSpan.FromSeconds(Number(answer[2])),
            (int)Number(answer[3]), (long)Number(answer[4]), (long)Number(answer[5]));
    }

    private string[] Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The engine's host ended.");
        var parts = line.Split('\t');
        return parts[0] == "ok" ? parts : throw new InvalidOperationException($"The engine's host answered: {line}");
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000)) _process.Kill();
        _process.Dispose();
    }
}

public sealed record StreamFigures(int Rows, TimeSpan Elapsed, TimeSpan FirstResult, int Results, long WorkingSetGrowth, long ManagedGrowth);
