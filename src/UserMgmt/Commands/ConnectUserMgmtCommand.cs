using System.Collections;
using System.Management.Automation;
using System.Security;
using UserMgmt.Commands.Internal;
using UserMgmt.Connections;
using UserMgmt.Providers;
using UserMgmt.Rest;

namespace UserMgmt.Commands;

/// <summary>
/// Connects to a platform tenant, proves the credentials with one read, and makes the connection the
/// one later commands use.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "UserMgmt", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(UserMgmtConnection))]
public sealed class ConnectUserMgmtCommand : RetrySettingsCmdlet
{
    private const string CredentialSet = "Credential";
    private const string KeySet = "Key";
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>A provider's name in the registry (any case); completed from it.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Provider { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    public Uri BaseUri { get; set; } = null!;

    /// <summary>User name = the access key (or API user), password = the secret key (or token).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>Optional for CCAI Platform, whose user name is the tenant's subdomain, found in -BaseUri.</summary>
    [Parameter(ParameterSetName = KeySet)]
    public string AccessKey { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = KeySet)]
    public SecureString SecretKey { get; set; } = null!;

    /// <summary>Allow plain http to a host other than this machine. Credentials then cross the network readable.</summary>
    [Parameter]
    public SwitchParameter AllowInsecureHttp { get; set; }

    /// <summary>Provider-specific settings by name; each provider declares its own, with defaults.</summary>
    [Parameter]
    public Hashtable? ProviderOption { get; set; }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>An options file named from where the session is ('./appxite.yaml'), not where the process started.</summary>
    private object? FromSession(string? name, object? value)
    {
        if (!string.Equals(name, ProviderOptions.FileOption, StringComparison.OrdinalIgnoreCase) || value is not string path || string.IsNullOrWhiteSpace(path))
            return value;
        try
        {
            return GetUnresolvedProviderPathFromPSPath(path.Trim());
        }
        catch (SessionStateException)
        {
            // A drive or provider that does not exist: the file is refused as not found, by the name given.
            return value;
        }
    }

    protected override void EndProcessing()
    {
        var credential = ParameterSetName == KeySet
            ? new ApiCredential(AccessKey, SecretKey)
            : new ApiCredential(Credential.UserName, Credential.Password);
        var settings = new ConnectionSettings
        {
            Provider = Provider,
            BaseUri = BaseUri,
            Credential = credential,
            AllowInsecureHttp = AllowInsecureHttp,
            ProviderOptions = ProviderOption?.Cast<DictionaryEntry>()
                .ToDictionary(e => e.Key.ToString() ?? "", e => FromSession(e.Key.ToString(), e.Value is PSObject o ? o.BaseObject : e.Value), StringComparer.OrdinalIgnoreCase),
            Retry = WithBoundRetrySettings(RetryPolicy.Default),
        };
        try
        {
            // Alongside the connection's own calls, the module's code is compiled for the commands that follow.
            CodeWarmUp.Start(GetType().Assembly);
            var connection = new PipelineDispatcher(this).Run(ct => UserMgmtConnection.OpenAsync(settings, ct), _stopping.Token);
            CurrentConnection.Set(connection);
            WriteObject(connection);
        }
        catch (UnknownProviderException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.UnknownProvider", ErrorCategory.InvalidArgument, Provider));
        }
        catch (ProviderOptionException e)
        {
            // The option names only: the table holds a subscription key as typed, and Get-Error would show it.
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.InvalidProviderOption", ErrorCategory.InvalidArgument,
                ProviderOption?.Keys.Cast<object>().Select(k => k.ToString()).ToArray()));
        }
        catch (IncompleteCredentialException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.IncompleteCredential", ErrorCategory.InvalidArgument, null));
        }
        catch (ArgumentException e)
        {
            // No target: PowerShell would print the address as typed, and a refused one may hold a password.
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.InsecureOrInvalidBaseUri", ErrorCategory.InvalidArgument, null));
        }
        catch (AuthenticationFailedException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.AuthenticationFailed", ErrorCategory.AuthenticationError, BaseUri));
        }
        catch (EndpointNotFoundException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.EndpointNotFound", ErrorCategory.InvalidArgument, BaseUri));
        }
        catch (ApiException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "UserMgmt.ConnectFailed", ErrorCategory.ConnectionError, BaseUri));
        }
        catch (FormatException e)
        {
            // The platform answered in a shape this connection does not read (AppXite: a field name in its map).
            ThrowTerminatingError(new ErrorRecord(new InvalidDataException($"The platform's answer could not be read: {e.Message}", e),
                "UserMgmt.UnreadableAnswer", ErrorCategory.InvalidData, BaseUri));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
