using System.Net;
using Microsoft.AspNetCore.Http;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Sandbox;

public sealed record SandboxOptions
{
    public const string DemoAccessKey = "demo-access-key";
    public const string DemoSecretKey = "demo-secret-key";
    public const string DemoReadOnlyAccessKey = "demo-readonly-access-key";
    public const string DemoReadOnlySecretKey = "demo-readonly-secret-key";
    /// <summary>The tenant's subdomain, which CCAI takes as the Basic user name (customer in customer.uc1.ccaiplatform.com).</summary>
    public const string DemoCcaiSubdomain = "demo";
    /// <summary>The subscription key AppXite's emulation wants in Ocp-Apim-Subscription-Key, beside the bearer token.</summary>
    public const string DemoSubscriptionKey = "demo-subscription-key";

    /// <summary>Where to listen; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    public string DatabasePath { get; init; } = "sandbox.db";
    /// <summary>The pair that may do everything: ADOC's accessKey/secretKey, CCAI's api user and token.</summary>
    public string AccessKey { get; init; } = DemoAccessKey;
    public string SecretKey { get; init; } = DemoSecretKey;
    /// <summary>CCAI's Basic user name: the tenant's subdomain; the token (password) says which api user calls.</summary>
    public string CcaiSubdomain { get; init; } = DemoCcaiSubdomain;
    /// <summary>A pair that may only read: every write answers 403.</summary>
    public string ReadOnlyAccessKey { get; init; } = DemoReadOnlyAccessKey;
    public string ReadOnlySecretKey { get; init; } = DemoReadOnlySecretKey;
    /// <summary>The key of the sandbox's own /_sandbox endpoints; a fresh random one at each start when not given.</summary>
    public string? AdminKey { get; init; }
    /// <summary>Seed the demo organisation when the database is new.</summary>
    public bool SeedDemoData { get; init; } = true;
    /// <summary>The CCAI Apps API's published limit per customer (tenant), shared by its api users; 0 turns it off.</summary>
    public int CcaiRequestsPerSecond { get; init; } = 10;
    /// <summary>The tenant's most chats an agent may take (P2: max_chat_limit is "1 to X", X configured); null: no upper bound.</summary>
    public int? CcaiMaxChatLimit { get; init; }
    /// <summary>Faults to inject from the start; changeable at run time through /_sandbox/faults.</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;
    /// <summary>Shapes the vendors leave open to answer in from the start; changeable at run time through /_sandbox/variants.</summary>
    public IReadOnlySet<SandboxVariant> Variants { get; init; } = new HashSet<SandboxVariant>();

    private const string Usage =
        "Options: --urls URL --db FILE --access-key KEY --secret-key KEY --readonly-access-key KEY --readonly-secret-key KEY --ccai-subdomain NAME --ccai-max-chat-limit N --admin-key KEY --no-seed --faults LIST --variant LIST";

    /// <summary>Reads the command line; anything wrong is an ArgumentException whose message names the option.</summary>
    public static SandboxOptions Parse(string[] args)
    {
        var options = new SandboxOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value. {Usage}");
            options = option switch
            {
                "--urls" => options with { Urls = Next() },
                "--db" => options with { DatabasePath = Next() },
                "--access-key" => options with { AccessKey = Next() },
                "--secret-key" => options with { SecretKey = Next() },
                "--readonly-access-key" => options with { ReadOnlyAccessKey = Next() },
                "--readonly-secret-key" => options with { ReadOnlySecretKey = Next() },
                "--ccai-subdomain" => options with { CcaiSubdomain = Next() },
                "--ccai-max-chat-limit" => options with { CcaiMaxChatLimit = WholeNumber(option, Next()) },
                "--admin-key" => options with { AdminKey = Next() },
                "--no-seed" => options with { SeedDemoData = false },
                "--faults" => options with { Faults = ParseFaults(Next()) },
                "--variant" => options with { Variants = options.Variants.Union(ParseVariants(Next())).ToHashSet() },
                _ => throw new ArgumentException($"Unknown option '{option}'. {Usage}"),
            };
        }
        return options.Validated();
    }

    private static int WholeNumber(string option, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{option}: '{text}' is not a whole number.");

    private static FaultSettings ParseFaults(string text)
    {
        try
        {
            return FaultSettings.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--faults: {e.Message}");
        }
    }

    private static IReadOnlySet<SandboxVariant> ParseVariants(string text)
    {
        try
        {
            return SandboxVariants.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--variant: {e.Message}");
        }
    }

    /// <summary>Refuses settings the sandbox cannot run with, naming the option.</summary>
    public SandboxOptions Validated()
    {
        foreach (var (option, value) in new[]
                 {
                     ("--urls", Urls), ("--db", DatabasePath), ("--access-key", AccessKey), ("--secret-key", SecretKey),
                     ("--readonly-access-key", ReadOnlyAccessKey), ("--readonly-secret-key", ReadOnlySecretKey),
                     ("--ccai-subdomain", CcaiSubdomain),
                 })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{option} must not be empty.");
        if (AdminKey is { } admin && string.IsNullOrWhiteSpace(admin)) throw new ArgumentException("--admin-key must not be empty.");
        if (CcaiMaxChatLimit is < 1) throw new ArgumentException("--ccai-max-chat-limit must be 1 or more.");
        if (AccessKey == ReadOnlyAccessKey) throw new ArgumentException("--readonly-access-key must differ from --access-key.");
        // CCAI knows its api users by token alone.
        if (SecretKey == ReadOnlySecretKey) throw new ArgumentException("--readonly-secret-key must differ from --secret-key.");
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) CheckUrl(url);
        return this;
    }

    // Kestrel would find these out too, but only once started, and with a stack trace.
    private static void CheckUrl(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--urls: '{url}' is not a URL to listen on, such as http://127.0.0.1:5080");
        }
        if (address.Scheme != "http")
            throw new ArgumentException($"--urls: '{url}': the sandbox serves plain http:// only, such as http://127.0.0.1:5080");
        // Kestrel listens on every interface for a host name it does not know, which nobody asking for one expects.
        if (!address.IsUnixPipe && address.Host is not ("localhost" or "*" or "+") && !IPAddress.TryParse(address.Host.Trim('[', ']'), out _))
            throw new ArgumentException(
                $"--urls: '{url}': give an IP address (127.0.0.1 for this machine only, 0.0.0.0 for every interface) or localhost, not a host name");
    }
}
