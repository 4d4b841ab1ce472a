using UserMgmt.Providers;

namespace UserMgmt.Operations;

/// <summary>
/// How many rows a command plans and applies at once while its input is still arriving. The first window is small, so
/// the first results come soon; each next one is twice as large, up to a size that keeps every throttle slot busy with
/// full calls (or, where users change through jobs, a few full jobs). Memory then follows the window, not the input.
/// </summary>
public sealed class InputWindows
{
    private const int SmallestWindow = 100;
    // Full calls each slot gets per window: enough that the slots emptied at a window's end are a small share of it.
    private const int CallsPerSlot = 4;

    /// <summary>Rows that waited this long are planned when the next one arrives, so a slow source still sees results (not where users change through jobs).</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(2);

    public InputWindows(ProviderCapabilities capabilities, int throttleLimit)
    {
        var rowsPerCall = Math.Max(capabilities.InvitationsPerCall, capabilities.MembersPerGroupCall ?? 1);
        // A job platform's window is at least a full job, so windows never cut jobs short, unless a job is one quick request.
        _holdsJobs = capabilities is { UserChangesPerJob: > 0, JobsAnswerAtOnce: false };
        Size = _holdsJobs ? capabilities.UserChangesPerJob!.Value : SmallestWindow;
        Largest = Math.Max(Size * CallsPerSlot, Math.Max(1, throttleLimit) * Math.Max(1, rowsPerCall) * CallsPerSlot);
    }

    /// <summary>The rows the current window holds once full.</summary>
    public int Size { get; private set; }

    /// <summary>The size windows grow to.</summary>
    public int Largest { get; }

    // Where users change through jobs, waiting cuts no window: each window would cost the platform a job of its own.
    private readonly bool _holdsJobs;

    public bool IsFull(int rows, TimeSpan waited) => rows >= Size || (!_holdsJobs && rows > 0 && waited >= LongestWait);

    /// <summary>Moves on to the next window, twice as large as this one up to <see cref="Largest"/>.</summary>
    public void Next() => Size = Math.Min(Size * 2, Largest);
}
