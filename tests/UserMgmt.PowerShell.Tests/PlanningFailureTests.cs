using System.Net;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>When the reads a command plans from fail, every row still gets its result before the command stops.</summary>
public sealed class PlanningFailureTests : ModuleTest
{
    [Fact]
    public void A_refused_read_while_planning_reports_every_row_not_done_then_stops_with_a_named_error()
    {
        var rows = CsvRows.From("Email,Group\nada.lovelace@example.com,Contractors\nben.okafor@example.com,Contractors\n");
        Sandbox.AnswerNextWith(HttpStatusCode.BadRequest, "application/json", """{"status": false, "message": "Directory unavailable"}""");

        var run = Shell.Run("$input | Add-UserGroup", rows);

        Assert.Equal(["Failed", "Failed"], run.Statuses());
        Assert.All(run.InRowOrder(), r => Assert.StartsWith("Not done:", r.Text("Message")));
        Assert.All(run.InRowOrder(), r => Assert.Contains("Directory unavailable", r.Text("Message")));
        Assert.Contains(run.Errors, e => e.FullyQualifiedErrorId.StartsWith("UserMgmt.ApiError,"));
        Assert.DoesNotContain("Contractors", Sandbox.GroupsOf("ada.lovelace@example.com"));
    }
}
