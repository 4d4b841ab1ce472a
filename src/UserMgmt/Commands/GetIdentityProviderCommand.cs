using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Model;

namespace UserMgmt.Commands;

/// <summary>Gets the ways invited accounts may sign in, all or by name, prefix or id; an invitation names one with -IdentityProvider.</summary>
[Cmdlet(VerbsCommon.Get, "IdentityProvider")]
[OutputType(typeof(IdentityProvider))]
public sealed class GetIdentityProviderCommand : UserMgmtCmdlet
{
    /// <summary>Names (wildcards allowed), prefixes or ids; all identity providers when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("IdentityProvider", "Idp", "Prefix", "Id")]
    public string[]? Name { get; set; }

    /// <summary>Only those that are enabled: the ones an invitation may name.</summary>
    [Parameter]
    public SwitchParameter Enabled { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        if (!connection.Client.Capabilities.HasIdentityProviders)
        {
            WriteError(new ErrorRecord(new PSNotSupportedException($"{connection.Platform} has no identity providers an invitation can name."),
                "UserMgmt.NoIdentityProviders", ErrorCategory.NotImplemented, connection.Platform));
            return;
        }
        var providers = RunEngine(ct => connection.Client.ListIdentityProvidersAsync(ct)).Where(p => !Enabled || p.Enabled).ToList();
        WriteObject(NamedItems.Pick(this, providers, Name, p => p.Id, p => p.Name, "identity provider", p => p.Prefix), enumerateCollection: true);
    }
}
