using UserMgmt.PowerShell.Tests.Coverage;
using System.Management.Automation;
using UserMgmt.PowerShell.Tests.Hosting;
using UserMgmt.PowerShell.Tests.Safety;
using UserMgmt.Sandbox;

namespace UserMgmt.PowerShell.Tests;

/// <summary>
/// Our own output objects piped, with nothing else, into every state-changing cmdlet never take
/// anything away silently: each row fails or is skipped, or the command asks first.
/// </summary>
public abstract class PipelineSafetyTests : ModuleTest
{
    [Fact]
    public void Own_objects_piped_alone_into_every_state_changing_cmdlet_change_nothing()
    {
        var email = DirectoryState.MemberOfSomeGroup(Sandbox);
        var objects = OwnObjects(email);
        // Found from the module, so a new state-changing cmdlet is covered the day it is added.
        var cmdlets = Shell.Run("Get-Command -Module UserMgmt -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name")
            .ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        Assert.Contains("Remove-UserGroup", cmdlets);
        Assert.Contains("Start-BulkJob", cmdlets);
        var before = DirectoryState.Of(Sandbox);

        var problems = new List<string>();
        foreach (var cmdlet in cmdlets)
            foreach (var (kind, item) in objects)
            {
                Shell.Host.Prompts.Clear();
                Shell.Host.Answers.Clear();
                for (var i = 0; i < 10; i++) Shell.Host.Answers.Enqueue("N");
                var run = Shell.Run("$input | & $cmdlet -WarningAction SilentlyContinue", [item], ("cmdlet", cmdlet));
                var succeeded = run.Output.Where(o => o.Properties["Status"]?.Value?.ToString() == "Succeeded").ToList();
                if (succeeded.Count > 0)
                    problems.Add($"{kind} | {cmdlet}: succeeded without asking: {string.Join("; ", succeeded)}");
                if (DirectoryState.Of(Sandbox) != before)
                    problems.Add($"{kind} | {cmdlet}: the directory changed");
                if (run.Output.Count == 0 && run.Errors.Count == 0 && run.Stopped is null && Shell.Host.Prompts.Count == 0)
                    problems.Add($"{kind} | {cmdlet}: said nothing at all");
            }

        Assert.Empty(problems);
    }

    [Fact]
    public void A_user_piped_into_Remove_UserGroup_without_a_group_fails_naming_All()
    {
        var email = DirectoryState.MemberOfSomeGroup(Sandbox);
        var groups = Sandbox.GroupsOf(email);

        var run = Shell.Run("Get-User -User $email | Remove-UserGroup -ErrorVariable failed; $failed", ("email", email));

        var result = Assert.Single(run.Output, o => o.BaseObject is not ErrorRecord);
        Assert.Equal("Failed", result.Properties["Status"].Value.ToString());
        Assert.Contains("-All", result.Properties["Message"].Value.ToString());
        Assert.Equal(groups, Sandbox.GroupsOf(email));
    }

    [Theory]
    [InlineData("N", false)]
    [InlineData("Y", true)]
    public void Remove_UserGroup_All_asks_at_High_impact_even_at_the_default_preference(string answer, bool removed)
    {
        var email = DirectoryState.MemberOfSomeGroup(Sandbox);
        var groups = Sandbox.GroupsOf(email);
        Shell.Host.Answers.Enqueue(answer);

        var run = Shell.Run("Get-User -User $email | Remove-UserGroup -All", ("email", email));

        Assert.Single(Shell.Host.Prompts);
        Assert.Equal(removed ? "Succeeded" : "Skipped", Assert.Single(run.Values("Status"))?.ToString());
        Assert.Equal(removed ? [] : groups, Sandbox.GroupsOf(email));
    }

    [Fact]
    [Covers("Remove-UserGroup", "All")]
    public void Remove_UserGroup_All_with_Confirm_false_removes_every_group_without_asking()
    {
        var email = DirectoryState.MemberOfSomeGroup(Sandbox);

        Shell.Run("Remove-UserGroup -User $email -All -Confirm:$false", ("email", email)).ThrowIfFailed();

        Assert.Empty(Shell.Host.Prompts);
        Assert.Empty(Sandbox.GroupsOf(email));
    }

    [Fact]
    public async Task Remove_UserGroup_All_WhatIf_sends_nothing_and_names_every_group()
    {
        var email = DirectoryState.MemberOfSomeGroup(Sandbox);
        var groups = Sandbox.GroupsOf(email);
        await Sandbox.ClearRequestLogAsync();

        var run = Shell.Run("Remove-UserGroup -User $email -All -WhatIf", ("email", email)).ThrowIfFailed();

        Assert.Equal(0, await Sandbox.WriteCallsAsync());
        var message = Assert.Single(run.Values("Message"))?.ToString() ?? "";
        Assert.All(groups, g => Assert.Contains(g, message));
        Assert.Empty(Shell.Host.Prompts);
    }

    [Fact]
    public void A_Groups_column_does_not_bind_to_Remove_UserGroup()
    {
        var email = DirectoryState.MemberOfSomeGroup(Sandbox);
        var groups = Sandbox.GroupsOf(email);
        var rows = CsvRows.From($"Email,Groups\n{email},{string.Join(";", groups)}\n");

        var run = Shell.Run("$input | Remove-UserGroup", rows);

        Assert.Equal("Failed", Assert.Single(run.Values("Status"))?.ToString());
        Assert.Equal(groups, Sandbox.GroupsOf(email));
    }

    /// <summary>The connection object Connect-UserMgmt writes, as a user would keep it.</summary>
    private Invocation Reconnect() => Shell.Run("""
        $secret = [System.Net.NetworkCredential]::new('', $secretKey).SecurePassword
        Connect-UserMgmt -Provider $provider -BaseUri $uri -AccessKey $accessKey -SecretKey $secret -MaxRetry 2 -RetryDelay 0.01
        """, ("provider", Provider), ("uri", Sandbox.BaseUri.ToString()), ("accessKey", ProviderSession.UserName(Provider)),
        ("secretKey", SandboxOptions.DemoSecretKey)).ThrowIfFailed();

    /// <summary>What this module writes that a user might pipe on: a user, a group, a result, a connection, a bulk job.</summary>
    private List<(string Kind, object Item)> OwnObjects(string email)
    {
        var group = Sandbox.GroupsOf(email).First();
        var items = new List<(string, object)>
        {
            ("User", Shell.Run("Get-User -User $email", ("email", email)).ThrowIfFailed().Output.Single()),
            ("Group", Shell.Run("Get-Group $group", ("group", group)).ThrowIfFailed().Output.Single()),
            ("OperationResult", Shell.Run("Add-UserGroup -User $email -Group $group", ("email", email), ("group", group)).ThrowIfFailed().Output.Single()),
            ("Connection", Reconnect().Output.Single()),
        };
        if (Provider == "Ccai")
        {
            // A finished job of this user's own, unchanged: what Get-BulkJob lists afterwards.
            var job = Shell.Run("Get-User -User $email | Start-BulkJob -Wait -Confirm:$false -WarningAction SilentlyContinue; Get-BulkJob -PerPage 1",
                ("email", email)).Output.LastOrDefault(o => o.BaseObject.GetType().Name == "BulkJob");
            Assert.NotNull(job);
            items.Add(("BulkJob", job));
        }
        return items;
    }
}

public sealed class AcceldataPipelineSafetyTests : PipelineSafetyTests;

public sealed class CcaiPipelineSafetyTests : PipelineSafetyTests
{
    protected override string? Provider => "Ccai";
}
