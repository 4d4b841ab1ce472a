namespace UserMgmt.Tests.Support;

/// <summary>A test class whose every test gets a fresh sandbox, stopped and deleted afterwards.</summary>
public abstract class SandboxTest : IAsyncLifetime
{
    protected TestSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await TestSandbox.StartAsync();
    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
