namespace UserMgmt.Providers;

/// <summary>
/// One provider-specific setting: its name (any case), its default, and the values it accepts
/// (any case; the declared spelling is what the provider receives).
/// </summary>
public sealed record ProviderOption(string Name, string Description, string Default, IReadOnlyList<string> AllowedValues);
