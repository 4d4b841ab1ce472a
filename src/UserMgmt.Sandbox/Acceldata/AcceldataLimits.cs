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
}
