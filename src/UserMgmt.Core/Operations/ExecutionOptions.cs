namespace UserMgmt.Operations;

/// <summary>How a command applies its steps.</summary>
public sealed class ExecutionOptions
{
    public const int DefaultThrottleLimit = 8;

    /// <summary>Units of work (a step, or a batch of invitations) in flight at once.</summary>
    public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

    /// <summary>When to stop starting work and report what is left as not done; null for no deadline.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The clock the deadline is measured on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
