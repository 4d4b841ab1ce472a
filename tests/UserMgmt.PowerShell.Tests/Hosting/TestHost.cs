using System.Globalization;
using System.Management.Automation.Host;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// A host that answers confirmation prompts the way a person at the keyboard would: from a queue of
/// answers the test sets ("Y", "A", "N", "L"), and records every prompt it was shown.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui = new();

    public override string Name => "UserMgmtTestHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    /// <summary>Answers for the prompts to come, by hot key: Y(es), A (yes to all), N(o), L (no to all).</summary>
    public Queue<string> Answers => _ui.Answers;

    /// <summary>The prompts shown so far: caption and message.</summary>
    public List<string> Prompts => _ui.Prompts;

    /// <summary>What Out-Host printed.</summary>
    public string Printed => _ui.Printed.ToString();

    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
