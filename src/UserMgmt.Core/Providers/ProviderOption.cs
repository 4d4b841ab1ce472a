namespace UserMgmt.Providers;

/// <summary>
/// One provider-specific setting: its name (any case), its default, and the values it accepts (any case; the declared
/// spelling is what the provider receives). No allowed values: any text that is not blank. A dotted name
/// ("Routes.Users") is one entry of a table: it may be given as <c>@{ Routes = @{ Users = '…' } }</c>.
/// </summary>
public sealed record ProviderOption(string Name, string Description, string Default, IReadOnlyList<string> AllowedValues)
{
    /// <summary>A setting that takes any text, such as an address path or a field name.</summary>
    public static ProviderOption Text(string name, string description, string @default) => new(name, description, @default, []);

    /// <summary>A key the platform takes as well as the credential's: best given as a SecureString, never shown, masked wherever it is echoed.</summary>
    public static ProviderOption Secret(string name, string description) => new(name, description, "", []) { IsSecret = true };

    public bool IsSecret { get; init; }

    public bool TakesAnyText => AllowedValues.Count == 0;
}
