namespace UserMgmt.Module.Tests;

/// <summary>
/// Every number of seconds a cmdlet takes and hands to a timer fits the timer: a value PowerShell
/// accepts must never end in an ArgumentOutOfRangeException halfway through a run.
/// </summary>
public sealed class TimerRangeTests(ModuleAssemblyFixture fixture) : IClassFixture<ModuleAssemblyFixture>
{
    private readonly ModuleAssembly _module = fixture.Module;

    // The seconds parameters the engine turns into a cancellation timer or a wait.
    private static readonly string[] TimedParameters = ["DeadlineSec", "TimeoutSec", "RetryDelay"];

    [Fact]
    public void The_largest_accepted_value_of_every_timed_parameter_fits_a_timer()
    {
        var checkedAny = false;
        foreach (var cmdlet in _module.Cmdlets)
            foreach (var parameter in cmdlet.Parameters.Where(p => TimedParameters.Contains(p.Name)))
            {
                var range = ModuleAssembly.Attribute(parameter, "ValidateRangeAttribute");
                Assert.True(range is not null, $"{cmdlet.Name} -{parameter.Name} has no [ValidateRange]");
                var largest = Convert.ToDouble(range.ConstructorArguments[1].Value);
                using var timer = new CancellationTokenSource();
                var ex = Record.Exception(() => timer.CancelAfter(TimeSpan.FromSeconds(largest)));
                Assert.True(ex is null, $"{cmdlet.Name} -{parameter.Name} accepts {largest} s, more than a timer takes: {ex?.Message}");
                checkedAny = true;
            }
        Assert.True(checkedAny);
    }
}
