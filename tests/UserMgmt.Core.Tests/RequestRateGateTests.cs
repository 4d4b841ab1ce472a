using Microsoft.Extensions.Time.Testing;
using UserMgmt.Rest;

namespace UserMgmt.Tests;

/// <summary>The rate gate on a clock the test moves by hand: no wall-clock luck decides these.</summary>
public sealed class RequestRateGateTests
{
    // Only a safety net for a broken gate: a task the clock has released completes at once.
    private static readonly TimeSpan Never = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task A_slot_is_free_again_only_a_second_and_a_margin_after_the_answer()
    {
        var gate = new RequestRateGate(2, _clock);
        var first = await gate.EnterAsync(default);
        using var second = await gate.EnterAsync(default);
        var third = gate.EnterAsync(default);
        Assert.False(third.IsCompleted);

        first.Dispose();
        _clock.Advance(RequestRateGate.Hold - TimeSpan.FromMilliseconds(1));
        Assert.False(third.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await third.WaitAsync(Never)).Dispose();
    }

    [Fact]
    public async Task The_hold_counts_from_the_answer_not_from_the_start()
    {
        var gate = new RequestRateGate(1, _clock);
        var slow = await gate.EnterAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(5)); // a slow answer
        var next = gate.EnterAsync(default);

        slow.Dispose();
        _clock.Advance(RequestRateGate.Hold - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(Never)).Dispose();
    }

    [Fact]
    public async Task Disposing_a_lease_twice_frees_one_slot()
    {
        var gate = new RequestRateGate(1, _clock);
        var lease = await gate.EnterAsync(default);
        lease.Dispose();
        lease.Dispose();
        _clock.Advance(RequestRateGate.Hold);

        (await gate.EnterAsync(default).WaitAsync(Never)).Dispose();
        var third = gate.EnterAsync(default);
        Assert.False(third.IsCompleted);
        _clock.Advance(RequestRateGate.Hold);
        (await third.WaitAsync(Never)).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_slot()
    {
        var gate = new RequestRateGate(1, _clock);
        var lease = await gate.EnterAsync(default);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        lease.Dispose();
        _clock.Advance(RequestRateGate.Hold);
        (await gate.EnterAsync(default).WaitAsync(Never)).Dispose();
    }
}
