namespace UserMgmt.Connections;

/// <summary>The platforms UserMgmt has a provider for.</summary>
public enum ProviderKind
{
    Acceldata,
}
