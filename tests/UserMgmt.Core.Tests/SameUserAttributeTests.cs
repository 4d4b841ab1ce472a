using System.Text.Json;
using UserMgmt.Operations;
using UserMgmt.Sandbox.Faults;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Acceldata attributes are read, merged and written back whole, so two rows of one command for one
/// user must not overlap: the later write would carry the earlier row's attribute as it was before.
/// </summary>
public sealed class SameUserAttributeTests : SandboxTest
{
    private const string Ada = "ada.lovelace@example.com";

    [Fact]
    public async Task Rows_setting_different_attributes_of_one_user_all_land()
    {
        using var connection = await Sandbox.ConnectAsync();
        // A tenant whose PUT replaces the map: what a write leaves out is gone.
        Sandbox.UseVariants(SandboxVariant.AttributesPutReplaces);
        // Slow reads: rows for one user applied side by side would both read the attributes before either wrote.
        Sandbox.InjectFaults(new FaultSettings { LatencyMs = 300, Methods = "GET" });
        string[] names = ["title", "costCenter", "manager"];
        var rows = names.Select((name, i) => new AttributeRequest(i + 1, $"row {i + 1}", Ada,
            new Dictionary<string, IReadOnlyList<string>> { [name] = [$"value {i + 1}"] })).ToList();

        var results = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(rows, default));

        Assert.All(results, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
        var held = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(Sandbox.AttributesJson(Ada)!)!;
        Assert.All(names.Select((name, i) => (name, i)), a => Assert.Equal([$"value {a.i + 1}"], held.GetValueOrDefault(a.name)));
        Assert.Equal(["Analytics"], held["department"]);
    }
}
