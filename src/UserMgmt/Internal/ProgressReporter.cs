using System.Diagnostics;
using System.Management.Automation;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Progress of a bulk command: rows settled of rows received, and the rate. One fixed activity id, so
/// hosts and transcripts see one bar; updates at most a few times a second; a Completed record at the
/// end. Whether anything is shown is left to the caller's $ProgressPreference, which is never touched.
/// </summary>
internal sealed class ProgressReporter(Cmdlet cmdlet, string activity, int total)
{
    public const int ActivityId = 0x554D;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastShown;
    private int _done;

    public void RowSettled()
    {
        _done++;
        if (_clock.Elapsed - _lastShown < Interval && _done < total) return;
        _lastShown = _clock.Elapsed;
        var rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, $"{_done} of {total} rows ({rate:0.#} rows/s)")
        {
            PercentComplete = total == 0 ? 100 : Math.Min(100, _done * 100 / total),
            SecondsRemaining = rate > 0 ? (int)((total - _done) / rate) : -1,
        });
    }

    public void Complete() =>
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, $"{_done} of {total} rows") { RecordType = ProgressRecordType.Completed });
}
