namespace UserMgmt.Operations;

/// <summary>
/// Steps applied together (one change, a batch of invitations, or one server-side job), and whether a
/// change was sent for them yet: once it was, a unit cut short may have been applied, and its rows must say so.
/// </summary>
internal sealed class UnitOfWork(IReadOnlyList<PlannedStep> steps, ChangeJob? job = null)
{
    public const string MayHaveBeenApplied = " (it may have been applied; running the command again is safe)";

    private int _sent;

    public IReadOnlyList<PlannedStep> Steps { get; } = steps;

    /// <summary>The job these steps form, on platforms that change users through jobs.</summary>
    public ChangeJob? Job { get; } = job;

    public bool ChangeSent => Volatile.Read(ref _sent) == 1;

    /// <summary>Call just before a change goes out.</summary>
    public void MarkSent() => Volatile.Write(ref _sent, 1);

    /// <summary>Why the unit ended unfinished, with the note a row needs when its change may have landed.</summary>
    public string Unfinished(string reason) => ChangeSent ? reason + MayHaveBeenApplied : reason;
}
