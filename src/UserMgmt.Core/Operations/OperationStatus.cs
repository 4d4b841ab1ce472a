namespace UserMgmt.Operations;

public enum OperationStatus
{
    /// <summary>The change was made.</summary>
    Succeeded,
    /// <summary>Nothing to do: the platform is already in the state asked for, or the row repeats an earlier one.</summary>
    Skipped,
    /// <summary>The change was not made; the message says why.</summary>
    Failed,
    /// <summary>Previewed only (-WhatIf).</summary>
    WhatIf,
}
