namespace UserMgmt.Operations;

/// <summary>How a command applies its steps.</summary>
public sealed class ExecutionOptions
{
    public const int DefaultThrottleLimit = 8;

    /// <summary>Units of work (a step, or a batch of invitations) in flight at once.</summary>
    public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

    /// <summary>When to stop starting work and report what is left as not done; null for no deadline.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// Called when an address invited without a lookup turned out to be a user's already: the input holds known
    /// addresses, so later rows are better looked up first.
    /// </summary>
    public Action? KnownAddressInvited { get; init; }

    /// <summary>The clock the deadline is measured on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
