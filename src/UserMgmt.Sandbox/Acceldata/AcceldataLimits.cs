namespace UserMgmt.Sandbox.Acceldata;

/// <summary>
/// How much one call may carry. No source publishes a limit (acceldata.md D8); these are the client's assumed
/// ones, held here so that a client that stops batching fails against the sandbox instead of passing silently.
/// </summary>
internal static class AcceldataLimits
{
    public const int InvitationsPerCall = 100;
    public const int IdsPerList = 50;
    public const int MembersPerGroupUpdate = 100;

    /// <summary>
    /// The page size a capping tenant keeps to (variant page-size-capped): below the ids the client names in one
    /// list call, so that a members read is capped too.
    /// </summary>
    public const int CappedPageSize = 20;

    /// <summary>How many items a list answers: what was asked for (10 if nothing, 1 to 1000), or the cap where the tenant caps.</summary>
    public static int PageSize(int? asked, Variants.SandboxVariants variants) =>
        Math.Min(Math.Clamp(asked ?? 10, 1, 1000), variants.Has(Variants.SandboxVariant.PageSizeCapped) ? CappedPageSize : int.MaxValue);
}
