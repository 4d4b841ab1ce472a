using UserMgmt.Operations;
using UserMgmt.Providers;

namespace UserMgmt.Tests;

/// <summary>Windows start small for a quick first result, then grow to keep every throttle slot busy with full calls.</summary>
public sealed class InputWindowTests
{
    private static readonly ProviderCapabilities PerCall = new() { Platform = "Test", InvitationsPerCall = 100 };

    [Fact]
    public void Windows_start_at_a_hundred_rows_and_double_up_to_four_full_calls_a_slot()
    {
        var windows = new InputWindows(PerCall, throttleLimit: 8);
        var sizes = new List<int>();
        for (var i = 0; i < 8; i++, windows.Next()) sizes.Add(windows.Size);

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 3200, 3200], sizes);
    }

    [Fact]
    public void A_job_platform_starts_at_a_full_job_so_no_job_is_cut_short()
    {
        var windows = new InputWindows(new ProviderCapabilities { Platform = "Jobs", UserChangesPerJob = 500 }, throttleLimit: 1);

        Assert.Equal(500, windows.Size);
        Assert.Equal(2_000, windows.Largest);
    }

    [Fact]
    public void Member_lists_per_group_size_the_window_like_invitations_do()
    {
        var windows = new InputWindows(new ProviderCapabilities { Platform = "Groups", MembersPerGroupCall = 250 }, throttleLimit: 2);

        Assert.Equal(2 * 250 * 4, windows.Largest);
    }

    [Theory]
    [InlineData(99, 0, false)]
    [InlineData(100, 0, true)]
    [InlineData(1, 2_000, true)]
    [InlineData(0, 60_000, false)]
    public void A_window_is_full_at_its_size_or_once_its_first_row_waited_long_enough(int rows, int waitedMs, bool full) =>
        Assert.Equal(full, new InputWindows(PerCall, 8).IsFull(rows, TimeSpan.FromMilliseconds(waitedMs)));
}

/// <summary>
/// On a job platform a window is at least one full job (README: fifty piped rows are one job, not fifty): a slow source
/// must not cut a job short by waiting, or every two seconds of it would cost the platform a job of its own.
/// </summary>
public sealed class JobWindowWaitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(499)]
    public void A_job_platform_window_is_not_full_from_waiting_alone(int rows) =>
        Assert.False(new InputWindows(new ProviderCapabilities { Platform = "Jobs", UserChangesPerJob = 500 }, throttleLimit: 8)
            .IsFull(rows, TimeSpan.FromMinutes(1)));
}

/// <summary>
/// Where a job is one request answered at once (SCIM's /Bulk), waiting cuts a window as on any platform: a slow source
/// still sees its first results, and the first window is the ordinary small one.
/// </summary>
public sealed class QuickJobWindowTests
{
    private static readonly ProviderCapabilities QuickJobs = new() { Platform = "Bulk", UserChangesPerJob = 1000, JobsAnswerAtOnce = true };

    [Fact]
    public void The_first_window_is_the_small_one() => Assert.Equal(100, new InputWindows(QuickJobs, throttleLimit: 4).Size);

    [Fact]
    public void A_row_that_waited_long_enough_fills_the_window() =>
        Assert.True(new InputWindows(QuickJobs, throttleLimit: 4).IsFull(1, InputWindows.LongestWait));
}
