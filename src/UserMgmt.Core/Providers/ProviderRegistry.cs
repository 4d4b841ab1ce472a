using UserMgmt.Plans;

namespace UserMgmt.Providers;

/// <summary>The platforms UserMgmt can connect to: one line per provider.</summary>
public static class ProviderRegistry
{
    private static readonly List<ProviderDescriptor> Providers =
    [
        new Acceldata.AcceldataDescriptor(),
        new Ccai.CcaiDescriptor(),
        new Scim.ScimDescriptor(),
        new AppXite.AppXiteDescriptor(),
    ];

    public static IReadOnlyList<ProviderDescriptor> All
    {
        get { lock (Providers) return Providers.ToList(); }
    }

    /// <summary>Adds a provider from elsewhere (a test's, an extension's); its name must be new.</summary>
    public static void Register(ProviderDescriptor provider)
    {
        lock (Providers)
        {
            if (Providers.Any(p => string.Equals(p.Name, provider.Name, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"A provider named {provider.Name} is already registered.", nameof(provider));
            Providers.Add(provider);
        }
    }

    /// <summary>The provider with this name (any case), or an error naming the known ones and the closest.</summary>
    public static ProviderDescriptor Get(string name)
    {
        var all = All;
        return all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownProviderException(
                $"There is no provider '{name}'.{DidYouMean.Suffix(name, all.Select(p => p.Name))} Providers: {string.Join(", ", all.Select(p => p.Name))}.");
    }
}

/// <summary>A provider name the registry does not know.</summary>
public sealed class UnknownProviderException(string message) : ArgumentException(message);
