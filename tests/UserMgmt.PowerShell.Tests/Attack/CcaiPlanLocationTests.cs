using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests.Attack;

/// <summary>A plan setting a CCAI location the platform does not know: the preview must not promise what the job then refuses.</summary>
public sealed class CcaiPlanLocationTests : ModuleTest
{
    protected override string? Provider => null;

    [Theory]
    [InlineData("Nowhere", "has no location 'Nowhere'")]
    [InlineData("[Berlin, Lisbon]", "holds a single location")]
    public async Task A_plan_setting_a_location_the_platform_lacks_is_refused_at_its_line_before_anything_is_sent(string value, string expected)
    {
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        var plan = Path.Combine(Directory.CreateTempSubdirectory("usermgmt-attack-").FullName, "plan.yaml");
        File.WriteAllText(plan, $"version: 1\nattributes:\n  ada.lovelace@example.com: {{ location: {value} }}\n");
        var before = Sandbox.Query("SELECT IFNULL(location, '') FROM users WHERE email = 'ada.lovelace@example.com'", r => r.GetString(0)).Single();
        await Sandbox.ClearRequestLogAsync();

        var preview = Shell.Run("Invoke-ReorgPlan $plan -WhatIf", ("plan", plan));
        var real = Shell.Run("Invoke-ReorgPlan $plan -Force", ("plan", plan));

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        Assert.DoesNotContain("WhatIf", preview.Statuses());
        Assert.Contains(":3:", Assert.Single(preview.Errors).ToString());
        Assert.Contains(expected, Assert.Single(real.Errors).ToString());
        Assert.Equal([before], Sandbox.Query("SELECT IFNULL(location, '') FROM users WHERE email = 'ada.lovelace@example.com'", r => r.GetString(0)));
    }
}
