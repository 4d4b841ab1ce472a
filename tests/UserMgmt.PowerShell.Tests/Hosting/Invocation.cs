using System.Collections.ObjectModel;
using System.Management.Automation;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>What one command line produced: its output, every stream, and the error that stopped it, if one did.</summary>
public sealed class Invocation(Collection<PSObject> output, PSDataStreams streams, RuntimeException? terminatingError)
{
    public IReadOnlyList<PSObject> Output { get; } = output;
    public IReadOnlyList<ErrorRecord> Errors { get; } = streams.Error.ToList();
    public IReadOnlyList<WarningRecord> Warnings { get; } = streams.Warning.ToList();
    public IReadOnlyList<VerboseRecord> Verbose { get; } = streams.Verbose.ToList();
    public IReadOnlyList<DebugRecord> Debug { get; } = streams.Debug.ToList();
    public IReadOnlyList<ProgressRecord> Progress { get; } = streams.Progress.ToList();

    /// <summary>The terminating error, when the command line was stopped by one.</summary>
    public RuntimeException? Stopped { get; } = terminatingError;

    /// <summary>The value of a property of each output object.</summary>
    public IReadOnlyList<object?> Values(string property) => Output.Select(o => o.Properties[property]?.Value).ToList();

    public Invocation ThrowIfFailed()
    {
        if (Stopped is not null) throw new InvalidOperationException("The command stopped: " + Stopped.Message, Stopped);
        if (Errors.Count > 0) throw new InvalidOperationException("The command wrote errors:\n" + string.Join("\n", Errors));
        return this;
    }
}
