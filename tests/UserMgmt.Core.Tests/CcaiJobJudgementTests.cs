using System.Text.Json;
using UserMgmt.Bulk;
using UserMgmt.Connections;
using UserMgmt.Operations;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Issue 12 item 1 (ccai.md D1) and item 6: a CCAI job is judged by its counters and errors, never by one
/// status word, in every shape the vendor leaves open. The vendor shows only created, valid_scheme and
/// in_progress (Google, "Bulk user management API"); it shows no word for a finished job, nor whether the
/// counters are numbers before they are counted.
/// </summary>
public sealed class CcaiJobJudgementTests : SandboxTest
{
    /// <summary>The strict sandbox, and each variant of the job endpoints, alone and together.</summary>
    public static TheoryData<SandboxVariant[]> JobShapes => new()
    {
        Array.Empty<SandboxVariant>(),
        new[] { SandboxVariant.NullCounters },
        new[] { SandboxVariant.OtherFinalStatus },
        new[] { SandboxVariant.NullCounters, SandboxVariant.OtherFinalStatus },
        new[] { SandboxVariant.LooseJobFields },
        new[] { SandboxVariant.EpochDates, SandboxVariant.NullCounters },
    };

    private static BulkUserRow Row(int n, string? location = "Berlin", string? lastName = "Agent") => new()
    {
        Email = $"judged{n}@company.com",
        FirstName = "Test",
        LastName = lastName,
        Location = location,
        Teams = ["Contractors"],
        SourceRow = n,
    };

    private async Task<(BulkJobRunner Runner, UserMgmtConnection Connection)> ConnectAsync(SandboxVariant[] variants)
    {
        Sandbox.UseVariants(variants);
        var connection = await Sandbox.ConnectCcaiAsync();
        return (new BulkJobRunner(connection.Client.BulkJobs!), connection);
    }

    [Theory]
    [MemberData(nameof(JobShapes))]
    public async Task A_clean_job_is_finished_and_succeeded_whatever_its_final_word(SandboxVariant[] variants)
    {
        var (runner, connection) = await ConnectAsync(variants);
        using var _ = connection;

        var started = await runner.StartAsync([Row(1), Row(2), Row(3)], BulkJobRunner.FileName("clean", 1), default);
        var job = (await runner.WaitAsync([started], null, _ => { }, default)).Single();

        Assert.True(job.IsFinished, job.Describe());
        Assert.True(job.Succeeded, job.Describe());
        Assert.Equal((3, 3, 0), (job.TotalRows, job.AffectedRows, job.FailedRows));
        Assert.Equal(1, Sandbox.CountUsers("judged3@company.com"));
        var listed = await connection.Client.BulkJobs!.ListJobsAsync(1, 10, default);
        Assert.True(listed.Single(j => j.Id == job.Id).Succeeded);
    }

    [Theory]
    [MemberData(nameof(JobShapes))]
    public async Task A_job_with_a_refused_row_is_finished_and_not_succeeded_and_its_errors_ride_on_the_status(SandboxVariant[] variants)
    {
        var (runner, connection) = await ConnectAsync(variants);
        using var _ = connection;

        var started = await runner.StartAsync([Row(1), Row(2, location: "Atlantis")], BulkJobRunner.FileName("mixed", 1), default);
        var job = (await runner.WaitAsync([started], null, _ => { }, default)).Single();

        Assert.True(job.IsFinished, job.Describe());
        Assert.False(job.Succeeded);
        Assert.False(job.FileRefused);
        Assert.Equal((1, 1), (job.AffectedRows, job.FailedRows));
        var embedded = Assert.Single(job.Errors);
        Assert.Equal((BulkErrorKind.Update, 2, "location"), (embedded.Kind, embedded.FileRow, embedded.Column));
        var logged = Assert.Single(await runner.ErrorsAsync(job, [BulkErrorKind.Update], default));
        Assert.Equal((embedded.Message, embedded.FileRow, 2), (logged.Message, logged.FileRow, logged.SourceRow));
    }

    [Theory]
    [MemberData(nameof(JobShapes))]
    public async Task A_refused_file_is_finished_with_none_applied(SandboxVariant[] variants)
    {
        var (runner, connection) = await ConnectAsync(variants);
        using var _ = connection;

        var started = await runner.StartAsync([Row(1), Row(2, lastName: null)], BulkJobRunner.FileName("refused", 1), default);
        var job = (await runner.WaitAsync([started], null, _ => { }, default)).Single();

        Assert.True(job.IsFinished, job.Describe());
        Assert.True(job.FileRefused, job.Describe());
        Assert.False(job.Succeeded);
        Assert.Contains("none of its 2 row(s) were applied", job.Describe());
        var logged = Assert.Single(await runner.ErrorsAsync(job, [BulkErrorKind.Scheme], default));
        Assert.Equal((2, "last_name"), (logged.FileRow, logged.Column));
        Assert.Equal(0, Sandbox.CountUsers("judged1@company.com"));
    }

    [Theory]
    [MemberData(nameof(JobShapes))]
    public async Task A_change_runs_through_a_job_and_succeeds_reading_the_errors_the_status_carries(SandboxVariant[] variants)
    {
        var (_, connection) = await ConnectAsync(variants);
        using var _ = connection;

        var moved = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync(
        [
            new AttributeRequest(1, null, "dev.patel@example.com", new Dictionary<string, IReadOnlyList<string>> { ["location"] = ["Remote"] }),
        ], default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(moved).Status);
        Assert.Equal(["Remote"], Sandbox.Query("SELECT location FROM users WHERE email = 'dev.patel@example.com'", r => r.GetString(0)));
    }

    [Fact]
    public async Task A_change_job_with_a_refused_row_takes_the_row_error_from_the_status_without_reading_the_logs()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var planned = await new CommandPlanner(connection.Client).PlanMembershipAsync(
            Rows.Memberships(["dev.patel@example.com", "chloe.martin@example.com"], "Read-Only-Access"), add: true, default);
        // Taken over by SCIM after it was read: only the platform, at update, can refuse its row.
        Sandbox.ManageUserByScim("dev.patel@example.com");
        await Sandbox.ClearRequestLogAsync();
        var results = new List<OperationResult>();
        await new PlanExecutor(connection.Client, r => { lock (results) results.Add(r); }).ApplyAsync(planned.Steps, default);
        results = results.OrderBy(r => r.Row).ToList();

        Assert.Equal([OperationStatus.Failed, OperationStatus.Succeeded], results.Select(r => r.Status));
        Assert.Contains("managed by SCIM", results[0].Message);
        Assert.Contains("Read-Only-Access", Sandbox.GroupsOf("chloe.martin@example.com"));
        Assert.Empty(Sandbox.Query("SELECT path FROM request_log WHERE path LIKE '%/bulk/users/errors/%'", r => r.GetString(0)));
    }

    /// <summary>ccai.md D8: the vendor's file table (Google, "Apps API bulk user management") marks first_name required, non-empty.</summary>
    [Fact]
    public async Task A_row_without_a_first_name_breaks_the_files_rules_as_the_vendors_table_says()
    {
        using var connection = await Sandbox.ConnectCcaiAsync();
        var runner = new BulkJobRunner(connection.Client.BulkJobs!);

        var job = await runner.StartAsync([Row(1), Row(2) with { FirstName = null }], BulkJobRunner.FileName("nameless", 1), default);
        var errors = await runner.ErrorsAsync(job, [BulkErrorKind.Scheme], default);

        Assert.True(job.FileRefused);
        var error = Assert.Single(errors);
        Assert.Equal((2, "first_name", "First name is required"), (error.FileRow, error.Column, error.Message));
    }

    /// <summary>
    /// Issue 12 item 6 (ccai.md D6): S1 and P1 say a file is uploaded (POST, or PUT with a job's id to replace the file
    /// of a job not yet processed) and processed by a separate call. An upload alone applies nothing; a replaced file
    /// is the one processed; a processed job's file cannot be replaced.
    /// </summary>
    [Theory]
    [MemberData(nameof(JobShapes))]
    public async Task An_upload_alone_applies_nothing_and_a_replaced_file_is_the_one_processed(SandboxVariant[] variants)
    {
        var (runner, connection) = await ConnectAsync(variants);
        using var _ = connection;
        var client = connection.Client.BulkJobs!;

        var uploaded = await client.UploadAsync([Row(1)], "first.json", default);
        var waiting = await client.GetJobAsync(uploaded.Id, default);
        var replaced = await client.ReplaceFileAsync(uploaded, [Row(2), Row(3)], "second.json", default);
        var proceeded = await client.ProceedAsync(replaced, default);
        var job = (await runner.WaitAsync([proceeded], null, _ => { }, default)).Single();
        var late = await Assert.ThrowsAsync<UserMgmt.Rest.ApiException>(() => client.ReplaceFileAsync(job, [Row(4)], "late.json", default));

        Assert.False(waiting.IsFinished);
        Assert.Equal(0, Sandbox.CountUsers("judged1@company.com"));
        Assert.Equal((uploaded.Id, "second.json"), (job.Id, job.Filename));
        Assert.True(job.Succeeded, job.Describe());
        Assert.Equal([0, 1, 1, 0], new[] { 1, 2, 3, 4 }.Select(n => Sandbox.CountUsers($"judged{n}@company.com")));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
    }

    /// <summary>
    /// Issue 12 item 6 (ccai.md D6): P2's file table takes a location name, empty or null; an absent or empty cell
    /// leaves the value as it is, so emptying a location is written as null, and only a location can be emptied.
    /// </summary>
    [Theory]
    [MemberData(nameof(JobShapes))]
    public async Task Emptying_a_location_writes_null_in_the_file_and_the_user_has_none_after(SandboxVariant[] variants)
    {
        var (_, connection) = await ConnectAsync(variants);
        using var _ = connection;
        Dictionary<string, IReadOnlyList<string>> None(string name) => new() { [name] = [] };

        var cleared = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync([new AttributeRequest(1, null, "dev.patel@example.com", None("location"))], default));
        var kept = await Rows.ApplyAsync(connection, p => p.PlanAttributesAsync([new AttributeRequest(1, null, "dev.patel@example.com", None("agentNumber"))], default));

        Assert.Equal(OperationStatus.Succeeded, Assert.Single(cleared).Status);
        Assert.Equal([true], Sandbox.Query("SELECT location IS NULL FROM users WHERE email = 'dev.patel@example.com'", r => r.GetBoolean(0)));
        var file = JsonDocument.Parse(Sandbox.Query("SELECT rows_json FROM bulk_jobs ORDER BY id DESC LIMIT 1", r => r.GetString(0)).Single()).RootElement;
        Assert.Equal(JsonValueKind.Null, file[0].GetProperty("location").ValueKind);
        Assert.Equal(OperationStatus.Failed, Assert.Single(kept).Status);
        Assert.Contains("cannot empty", kept[0].Message);
    }
}
