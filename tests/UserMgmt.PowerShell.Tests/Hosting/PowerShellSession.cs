using System.Management.Automation;
using System.Management.Automation.Runspaces;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// A PowerShell session as a user has one: the default commands, and UserMgmt imported through its
/// manifest at the repository root. Each <see cref="Run"/> is one command line typed into it.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    private PowerShellSession(TestHost host, Runspace runspace)
    {
        Host = host;
        _runspace = runspace;
    }

    public TestHost Host { get; }

    public static string ManifestPath { get; } = Path.Combine(RepoPaths.Root, "UserMgmt.psd1");

    public static PowerShellSession Start()
    {
        var host = new TestHost();
        var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new PowerShellSession(host, runspace);
        session.Run("Import-Module $manifest -ErrorAction Stop", ("manifest", ManifestPath)).ThrowIfFailed();
        ThirdPartyProvider.EnsureRegistered();
        return session;
    }

    /// <summary>Runs a script with the given variables set, the input piped into it; returns what every stream received.</summary>
    public Invocation Run(string script, params (string Name, object? Value)[] variables) => Run(script, null, variables);

    public Invocation Run(string script, IEnumerable<object>? input, params (string Name, object? Value)[] variables)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        shell.AddScript(script);
        try
        {
            var output = input is null ? shell.Invoke() : shell.Invoke(input);
            return new Invocation(output, shell.Streams, null);
        }
        catch (RuntimeException e)
        {
            return new Invocation([], shell.Streams, e);
        }
    }

    /// <summary>Starts a script without waiting, for tests that stop it midway.</summary>
    public (System.Management.Automation.PowerShell Shell, IAsyncResult Running, PSDataCollection<PSObject> Output) Begin(string script,
        params (string Name, object? Value)[] variables)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
        shell.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        return (shell, shell.BeginInvoke<PSObject, PSObject>(null, output), output);
    }

    public void Dispose() => _runspace.Dispose();
}
