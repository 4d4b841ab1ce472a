namespace UserMgmt.Module.Tests;

public sealed class ModuleAssemblyFixture : IDisposable
{
    public ModuleAssembly Module { get; } = new();
    public void Dispose() => Module.Dispose();
}
