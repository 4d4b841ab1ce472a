using UserMgmt.Sandbox.Faults;

namespace UserMgmt.Sandbox;

public sealed class SandboxOptions
{
    public const string DemoAccessKey = "demo-access-key";
    public const string DemoSecretKey = "demo-secret-key";

    /// <summary>Where to listen; port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";
    public string DatabasePath { get; set; } = "sandbox.db";
    public string AccessKey { get; set; } = DemoAccessKey;
    public string SecretKey { get; set; } = DemoSecretKey;
    /// <summary>Seed the demo organisation when the database is new.</summary>
    public bool SeedDemoData { get; set; } = true;
    /// <summary>The CCAI Apps API's published limit per api user; 0 turns it off.</summary>
    public int CcaiRequestsPerSecond { get; set; } = 10;
    /// <summary>Faults to inject from the start; changeable at run time through /_sandbox/faults.</summary>
    public FaultSettings Faults { get; set; } = FaultSettings.None;

    /// <summary>Reads --urls, --db, --access-key, --secret-key, --no-seed and --faults.</summary>
    public static SandboxOptions Parse(string[] args)
    {
        var options = new SandboxOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--urls": options.Urls = Next(); break;
                case "--db": options.DatabasePath = Next(); break;
                case "--access-key": options.AccessKey = Next(); break;
                case "--secret-key": options.SecretKey = Next(); break;
                case "--no-seed": options.SeedDemoData = false; break;
                case "--faults": options.Faults = FaultSettings.Parse(Next()); break;
                default: throw new ArgumentException(
                    $"Unknown option '{args[i]}'. Options: --urls URL --db FILE --access-key KEY --secret-key KEY --no-seed --faults LIST");
            }
        }
        return options;
    }
}
