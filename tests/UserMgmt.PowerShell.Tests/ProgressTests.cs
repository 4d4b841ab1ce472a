using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;

namespace UserMgmt.PowerShell.Tests;

/// <summary>Progress under one fixed activity id, ending with a Completed record, as scheduled runs need.</summary>
public sealed class ProgressTests : ModuleTest
{
    [Fact]
    public void A_bulk_command_reports_progress_under_one_id_and_completes_it()
    {
        var rows = CsvRows.From("Email\nada.lovelace@example.com\nben.okafor@example.com\nchloe.martin@example.com");

        var run = Shell.Run("$input | Add-UserGroup -Group Contractors", rows).ThrowIfFailed();

        Assert.True(run.Progress.Count >= 2, $"{run.Progress.Count} progress record(s).");
        Assert.Single(run.Progress.Select(p => p.ActivityId).Distinct());
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
        Assert.Single(run.Progress, p => p.RecordType == ProgressRecordType.Completed);
        Assert.Contains(run.Progress, p => p.StatusDescription.StartsWith("3 of 3 rows"));
    }

    [Fact]
    public void The_same_id_is_used_by_every_bulk_command_and_a_preview_completes_too()
    {
        var add = Shell.Run("Add-UserGroup ada.lovelace@example.com Contractors").ThrowIfFailed();
        var preview = Shell.Run("Set-UserAttribute ada.lovelace@example.com -Department X -WhatIf").ThrowIfFailed();

        Assert.Equal(add.Progress[0].ActivityId, preview.Progress[0].ActivityId);
        Assert.Equal(ProgressRecordType.Completed, preview.Progress[^1].RecordType);
    }

    [Fact]
    public void ProgressPreference_of_the_caller_is_left_as_it_was()
    {
        var after = Shell.Run("""
            $ProgressPreference = 'SilentlyContinue'
            $null = Add-UserGroup ada.lovelace@example.com Contractors
            $ProgressPreference
            """).ThrowIfFailed();

        Assert.Equal("SilentlyContinue", after.Output.Single().ToString());
        Assert.Empty(after.Progress);
    }
}
