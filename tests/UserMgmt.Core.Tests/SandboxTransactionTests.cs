using Microsoft.Data.Sqlite;
using UserMgmt.Bulk;
using UserMgmt.Sandbox.Store;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>
/// Whatever fails half-way through a change in the sandbox leaves nothing behind, and the sandbox
/// goes on serving writes that reach the file.
/// </summary>
public sealed class SandboxTransactionTests : SandboxTest
{
    [Fact]
    public async Task Work_that_throws_half_way_leaves_nothing_behind_and_the_next_write_lands_on_disk()
    {
        var database = Sandbox.Host.Database;

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.RunAsync(c =>
        {
            c.Execute("INSERT INTO groups (id, name, created_at) VALUES ('half', 'Half done', 0)");
            throw new InvalidOperationException("a handler failing after its first write");
        }));
        await database.RunAsync(c => c.Execute("INSERT INTO groups (id, name, created_at) VALUES ('next', 'Next write', 0)"));

        Assert.False(Sandbox.GroupExists("Half done"));
        Assert.True(Sandbox.GroupExists("Next write"));
    }

    [Fact]
    public async Task A_bulk_job_that_fails_half_way_is_rolled_back_and_the_sandbox_keeps_serving_writes()
    {
        RefuseToStore("boom@company.com");
        using var ccai = await Sandbox.ConnectCcaiAsync();
        var runner = new BulkJobRunner(Assert.IsAssignableFrom<IBulkJobClient>(ccai.Client.BulkJobs));

        var failed = await RunJobAsync(runner, "failing", Row(1, "first@company.com"), Row(2, "boom@company.com"), Row(3, "third@company.com"));
        var next = await RunJobAsync(runner, "after", Row(1, "after@company.com"));
        using var acceldata = await Sandbox.ConnectAsync();
        await acceldata.Client.CreateGroupAsync("Created after the failed job", null, default);

        Assert.Equal("failed", failed.Status);
        Assert.Equal(["failed"], Sandbox.Query("SELECT status FROM bulk_jobs WHERE id = @id", r => r.GetString(0), ("@id", failed.Id)));
        Assert.Equal(0, Sandbox.CountUsers("first@company.com"));
        Assert.Equal("completed", next.Status);
        Assert.Equal(1, Sandbox.CountUsers("after@company.com"));
        Assert.True(Sandbox.GroupExists("Created after the failed job"));
    }

    [Fact]
    public async Task An_invitation_that_fails_half_way_invites_nobody_and_the_next_one_lands()
    {
        RefuseToStore("boom@company.com");
        using var connection = await Sandbox.ConnectAsync();

        await Assert.ThrowsAnyAsync<Exception>(() =>
            connection.Client.InviteUsersAsync([new("first@company.com"), new("boom@company.com")], [], sendEmail: false, default));
        await connection.Client.InviteUsersAsync([new("next@company.com")], [], sendEmail: false, default);

        Assert.Equal(0, Sandbox.CountUsers("first@company.com"));
        Assert.Equal(1, Sandbox.CountUsers("next@company.com"));
    }

    // A trigger makes the database itself refuse one row, as a full disk or a broken constraint would.
    private void RefuseToStore(string email)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Sandbox.Host.Database.Path, Pooling = false }.ToString());
        connection.Open();
        connection.Execute($"""
            CREATE TRIGGER refuse_for_test BEFORE INSERT ON users WHEN NEW.email = '{email}'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
            """);
    }

    private static BulkUserRow Row(int n, string email) => new()
    {
        Email = email, FirstName = "Test", LastName = "Agent", Location = "Berlin", SourceRow = n, SourceFile = "agents.csv", InputObject = $"row {n}",
    };

    private static async Task<BulkJob> RunJobAsync(BulkJobRunner runner, string name, params BulkUserRow[] rows)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var job = await runner.StartAsync(rows, BulkJobRunner.FileName(name, 1), timeout.Token);
        return (await runner.WaitAsync([job], null, _ => { }, timeout.Token)).Single();
    }
}
