using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>The user interface behind <see cref="TestHost"/>: prompts are answered from a queue; nothing is read from a console.</summary>
internal sealed class TestHostUserInterface : PSHostUserInterface
{
    public Queue<string> Answers { get; } = new();
    public List<string> Prompts { get; } = [];

    /// <summary>What Out-Host printed: the formatted tables a user would see.</summary>
    public System.Text.StringBuilder Printed { get; } = new();

    public override PSHostRawUserInterface? RawUI { get; } = new TestHostRawUserInterface();

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Prompts.Add($"{caption}: {message}");
        // An unanswered prompt is a test that forgot a prompt would come: fail it rather than hang.
        if (!Answers.TryDequeue(out var answer))
            throw new InvalidOperationException($"Unexpected prompt: {caption}: {message}");
        for (var i = 0; i < choices.Count; i++)
            if (HotKey(choices[i].Label).Equals(answer, StringComparison.OrdinalIgnoreCase)) return i;
        throw new InvalidOperationException($"No choice '{answer}' in {string.Join(", ", choices.Select(c => c.Label))}.");
    }

    // "Yes to &All" → "A"
    private static string HotKey(string label)
    {
        var amp = label.IndexOf('&');
        return amp >= 0 && amp + 1 < label.Length ? label[amp + 1].ToString() : label;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new InvalidOperationException($"Unexpected prompt for input: {caption}: {message}");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new InvalidOperationException($"Unexpected credential prompt: {caption}");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new InvalidOperationException($"Unexpected credential prompt: {caption}");

    public override string ReadLine() => throw new InvalidOperationException("Unexpected read from the console.");
    public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("Unexpected read from the console.");

    public override void Write(string value) => Printed.Append(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Printed.Append(value);
    public override void WriteLine(string value) => Printed.AppendLine(value);
    public override void WriteErrorLine(string value) { }
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) { }
}
