using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using UserMgmt.Operations;
using UserMgmt.Providers;

namespace UserMgmt.Commands.Internal;

/// <summary>Completes Connect-UserMgmt -Provider from the registry, with each platform's name as the tooltip.</summary>
public sealed class ProviderNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var providers = ProviderRegistry.All;
        return NameCompletion.Complete(providers.Select(p => p.Name), wordToComplete).Select(name =>
        {
            var provider = providers.First(p => p.Name == name.Trim('\''));
            return new CompletionResult(name, name, CompletionResultType.ParameterValue,
                $"{provider.Platform} ({string.Join(", ", provider.Authentication)})");
        });
    }
}
