using UserMgmt.Tests.Support;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>
/// A platform the scenarios run on, as they see it: a session connects to it, its state is read back, and its writes
/// are counted. Each is the sandbox in one provider's shape (ProviderSession) or a SCIM server written elsewhere.
/// </summary>
public abstract class ScenarioPlatform : IAsyncDisposable
{
    /// <summary>
    /// Every platform the scenarios run on, by name: each sandbox session, then the SCIM peer with PATCH and Bulk, with
    /// Bulk requests of at most three operations, and without PATCH (so without Bulk).
    /// </summary>
    public static TheoryData<string> All
    {
        get
        {
            var all = new TheoryData<string>();
            foreach (var session in ProviderSession.All) all.Add(session);
            all.Add(ScimPeerPlatform.WithPatch);
            all.Add(ScimPeerPlatform.WithSmallBulk);
            all.Add(ScimPeerPlatform.WithoutPatch);
            return all;
        }
    }

    public static async Task<ScenarioPlatform> StartAsync(string name, LocalSandbox sandbox) =>
        name.StartsWith(ScimPeerPlatform.Prefix, StringComparison.Ordinal)
            ? await ScimPeerPlatform.StartAsync(name)
            : new SandboxPlatform(sandbox, name);

    public abstract Invocation Connect(PowerShellSession shell);
    public abstract Task<SortedSet<string>> GroupsOfAsync(string email);
    public abstract Task<bool?> IsEnabledAsync(string email);
    public abstract Task<int> WriteCallsAsync();
    public abstract Task ClearRequestLogAsync();

    /// <summary>A column Set-UserAttribute takes here, and a value for it; none where the platform sets no attributes.</summary>
    public abstract (string Column, string Value) Attribute { get; }

    /// <summary>The platform has groups; elsewhere every group change is refused before anything is sent.</summary>
    public virtual bool HasGroups => true;

    /// <summary>Accounts can be disabled and enabled here.</summary>
    public virtual bool ChangesAccountState => true;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The test's own sandbox, in the shape of one provider (and variant).</summary>
public sealed class SandboxPlatform(LocalSandbox sandbox, string session) : ScenarioPlatform
{
    public override Invocation Connect(PowerShellSession shell) => ProviderSession.Connect(shell, sandbox, session);
    public override Task<SortedSet<string>> GroupsOfAsync(string email) => Task.FromResult(sandbox.GroupsOf(email));
    public override Task<bool?> IsEnabledAsync(string email) => Task.FromResult(sandbox.IsEnabled(email));
    public override Task<int> WriteCallsAsync() => sandbox.WriteCallsAsync();
    public override Task ClearRequestLogAsync() => sandbox.ClearRequestLogAsync();
    // SCIM has no location; department is in its enterprise extension. AppXite's documented API sets no attributes,
    // has no groups and changes no account state.
    public override (string Column, string Value) Attribute => session switch
    {
        "Scim" => ("Department", "Data Science"),
        "AppXite" => default,
        _ => ("Location", "Remote"),
    };

    public override bool HasGroups => session != "AppXite";
    public override bool ChangesAccountState => session != "AppXite";
}

/// <summary>A SCIM server built from the scimmy packages (tests/ScimPeer), seeded with the same demo organisation.</summary>
public sealed class ScimPeerPlatform(ScimPeer peer) : ScenarioPlatform
{
    public const string Prefix = "ScimPeer";
    public const string WithPatch = Prefix;
    public const string WithSmallBulk = Prefix + "+bulk-of-3";
    public const string WithoutPatch = Prefix + "+no-patch+etag";

    public static async Task<ScenarioPlatform> StartAsync(string name) => new ScimPeerPlatform(await ScimPeer.StartAsync(name switch
    {
        WithoutPatch => new ScimPeerOptions { Patch = false, ETag = true },
        WithSmallBulk => new ScimPeerOptions { MaxOperations = 3 },
        _ => new ScimPeerOptions(),
    }));

    public override Invocation Connect(PowerShellSession shell) => shell.Run("""
        $token = [System.Net.NetworkCredential]::new('', $secret).SecurePassword
        $null = Connect-UserMgmt -Provider Scim -BaseUri $uri -SecretKey $token -MaxRetry 2 -RetryDelay 0.01
        """, ("uri", peer.BaseUri.ToString()), ("secret", peer.Token));

    public override Task<SortedSet<string>> GroupsOfAsync(string email) => peer.GroupsOfAsync(email);
    public override Task<bool?> IsEnabledAsync(string email) => peer.IsActiveAsync(email);
    public override async Task<int> WriteCallsAsync() => (await peer.RequestCountsAsync()).Where(c => c.Method != "GET").Sum(c => c.Count);
    public override Task ClearRequestLogAsync() => peer.ClearRequestLogAsync();
    public override (string Column, string Value) Attribute => ("Department", "Data Science");
    public override ValueTask DisposeAsync() => peer.DisposeAsync();
}
