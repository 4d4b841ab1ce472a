using System.Diagnostics;
using System.Management.Automation;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Progress of a bulk command: rows settled of rows received, and the rate. Rows are applied while the input
/// arrives, so the total is known only once it ends; until then no percentage is shown. One fixed activity id,
/// so hosts and transcripts see one bar; updates at most a few times a second; a Completed record at the end.
/// Whether anything is shown is left to the caller's $ProgressPreference, which is never touched.
/// </summary>
internal sealed class ProgressReporter(Cmdlet cmdlet, string activity)
{
    public const int ActivityId = 0x554D;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastShown;
    private int _done;
    private int _received;
    private bool _inputEnded;

    public void Received(int rows) => _received = rows;

    public void InputEnded() => _inputEnded = true;

    public void RowSettled()
    {
        _done++;
        if (_clock.Elapsed - _lastShown < Interval && !(_inputEnded && _done >= _received)) return;
        _lastShown = _clock.Elapsed;
        var rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var record = _inputEnded
            ? new ProgressRecord(ActivityId, activity, $"{_done} of {_received} rows ({rate:0.#} rows/s)")
            {
                PercentComplete = _received == 0 ? 100 : Math.Min(100, _done * 100 / _received),
                SecondsRemaining = rate > 0 ? (int)((_received - _done) / rate) : -1,
            }
            : new ProgressRecord(ActivityId, activity, $"{_done} of {_received} rows received so far ({rate:0.#} rows/s)");
        cmdlet.WriteProgress(record);
    }

    public void Complete() =>
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, $"{_done} of {_received} rows") { RecordType = ProgressRecordType.Completed });
}
