namespace UserMgmt.Connections;

/// <summary>The platforms UserMgmt has a provider for.</summary>
public enum ProviderKind
{
    Acceldata,
    /// <summary>Google Cloud CCAI Platform (Apps API), which changes users through bulk jobs.</summary>
    Ccai,
}
