using System.Management.Automation;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// The providers every scenario runs against, each connected as its users connect: -Provider and a
/// -Credential whose user name is the key (CCAI: the tenant's subdomain) and whose password is the secret. Each real provider runs on
/// the strict sandbox and on every shape its vendor's sources leave open, named "Provider+variant"
/// (Ccai+numeric-ids) so a failing row says which tenant it was. A provider joins the scenarios by one
/// line in <see cref="VariantsOf"/>.
/// </summary>
public static class ProviderSession
{
    /// <summary>Each provider and the sandbox variants that shape what its platform answers or takes.</summary>
    private static readonly (string Provider, SandboxVariant[] Variants)[] VariantsOf =
    [
        ("Acceldata", [SandboxVariant.AttributesPutReplaces, SandboxVariant.GroupCreateEnvelopeOnly, SandboxVariant.ErrorEnvelopeWith200,
            SandboxVariant.GroupIdsHoldNames, SandboxVariant.DataGroupsBody, SandboxVariant.PageSizeCapped,
            SandboxVariant.GroupCreateListShape]),
        ("Ccai", [SandboxVariant.NumericIds, SandboxVariant.NullCounters, SandboxVariant.MembershipsWithoutValue,
            SandboxVariant.OtherFinalStatus, SandboxVariant.LooseUserFields, SandboxVariant.SchemeErrorsWithoutRow,
            SandboxVariant.LooseJobFields, SandboxVariant.EpochDates, SandboxVariant.PerPageIgnored]),
        // A test-only relabelling of another provider's API: its variants are that provider's, run above.
        (ThirdPartyProvider.Name, []),
        // The sandbox's SCIM service, at /scim/v2, with the demo secret key as bearer token.
        ("Scim", []),
        // The sandbox's AppXite, at /appxite/, with the subscription key as a provider option.
        ("AppXite", []),
    ];

    public static TheoryData<string> All
    {
        get
        {
            var all = new TheoryData<string>();
            foreach (var (provider, variants) in VariantsOf)
            {
                all.Add(provider);
                foreach (var variant in variants) all.Add($"{provider}+{SandboxVariants.NameOf(variant)}");
            }
            return all;
        }
    }

    /// <summary>The user name a provider's users give: CCAI takes the tenant's subdomain, the others the access key.</summary>
    public static string UserName(string? provider) => provider == "Ccai" ? SandboxOptions.DemoCcaiSubdomain : SandboxOptions.DemoAccessKey;

    /// <summary>Puts the sandbox in the session's variant (none: strict), then connects as a user of such a tenant would.</summary>
    public static Invocation Connect(PowerShellSession shell, LocalSandbox sandbox, string session)
    {
        var (provider, variants) = Parse(session);
        sandbox.UseVariants([.. variants]);
        var secret = new System.Net.NetworkCredential("", SandboxOptions.DemoSecretKey).SecurePassword;
        var credential = new PSCredential(UserName(provider), secret);
        return shell.Run("$null = Connect-UserMgmt -Provider $provider -BaseUri $uri -Credential $credential -MaxRetry 2 -RetryDelay 0.01 -ProviderOption $options",
            ("provider", provider), ("uri", BaseUriOf(provider, sandbox)), ("credential", credential), ("options", OptionsFor(provider, variants)));
    }

    /// <summary>Where a provider's API is in the sandbox: SCIM under its own root, the others at the top.</summary>
    private static string BaseUriOf(string provider, LocalSandbox sandbox) => provider switch
    {
        "Scim" => new Uri(sandbox.BaseUri, "scim/v2").ToString(),
        "AppXite" => new Uri(sandbox.BaseUri, "appxite/").ToString(),
        _ => sandbox.BaseUri.ToString(),
    };

    private static (string Provider, IReadOnlySet<SandboxVariant> Variants) Parse(string session) =>
        session.Split('+', 2) is [var provider, var variants] ? (provider, SandboxVariants.Parse(variants)) : (session, new HashSet<SandboxVariant>());

    /// <summary>
    /// The group assignment body is the one thing an Acceldata tenant decides and the client cannot find
    /// out for itself, so its users say it (docs/providers/acceldata.md, D2); every other variant needs no option.
    /// </summary>
    private static System.Collections.Hashtable OptionsFor(string provider, IReadOnlySet<SandboxVariant> variants) =>
        provider == "AppXite" ? new() { ["SubscriptionKey"] = SandboxOptions.DemoSubscriptionKey }
        : variants.Contains(SandboxVariant.GroupIdsHoldNames) ? new() { ["GroupAssignmentShape"] = "GroupNames" }
        : variants.Contains(SandboxVariant.DataGroupsBody) ? new() { ["GroupAssignmentShape"] = "DataGroups" }
        : new();
}
