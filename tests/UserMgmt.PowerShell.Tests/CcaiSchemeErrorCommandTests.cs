using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Issue 12 item 12, as a user meets it: P1's scheme-error example has <c>"row": null</c>. When the platform refuses
/// a change job's file without naming the row, Set-UserAttribute reports every row as not applied, each a
/// non-terminating error on its own input row carrying the platform's message; nothing is sent twice.
/// </summary>
public sealed class CcaiSchemeErrorCommandTests : ModuleTest
{
    protected override string? Provider => null;

    [Fact]
    public async Task A_refused_file_without_a_row_fails_every_row_of_Set_UserAttribute_with_the_platforms_message()
    {
        // After connecting: a session's connection sets the sandbox to its own variants.
        ProviderSession.Connect(Shell, Sandbox, "Ccai").ThrowIfFailed();
        Sandbox.UseVariants(SandboxVariant.SchemeErrorsWithoutRow);
        // user-004 (Berlin) gets an address the platform's own file check refuses; user-002 (Lisbon) is fine.
        Sandbox.GiveLegacyAddress(Sandbox.Query("SELECT email FROM users WHERE id = 'user-004'", r => r.GetString(0)).Single());
        var rows = CsvRows.From("""
            User,Location
            user-004,Remote
            user-002,Remote
            """);
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("$input | Set-UserAttribute", rows);

        const string message = "The platform did not confirm the change: Must be a valid email (email)";
        Assert.Equal(2, run.Output.Count);
        Assert.All(run.Output, r => Assert.Equal(("Failed", message), (r.Properties["Status"].Value?.ToString(), r.Properties["Message"].Value?.ToString())));
        Assert.Equal(2, run.Errors.Count);
        Assert.Same(rows[0], run.Errors[0].TargetObject);
        Assert.Same(rows[1], run.Errors[1].TargetObject);
        Assert.All(run.Errors, e => Assert.Contains(message, e.Exception.Message));
        Assert.Equal(1, await Sandbox.CallsAsync("POST", "/apps/api/v1/bulk/users/upload"));
        Assert.DoesNotContain("Remote", Sandbox.Query("SELECT IFNULL(location, '') FROM users WHERE id IN ('user-002', 'user-004')", r => r.GetString(0)));
    }
}
