namespace UserMgmt.Plans;

/// <summary>Bounds that keep a hostile or mistaken plan file from exhausting memory, the stack or the processor.</summary>
public static class PlanLimits
{
    public const long MaxFileBytes = 4 * 1024 * 1024;
    /// <summary>A plan needs five levels; the root mapping is the first.</summary>
    public const int MaxNesting = 32;
    /// <summary>Values after aliases are expanded; a plan for a large organisation stays well below it.</summary>
    public const int MaxValues = 200_000;
    /// <summary>A saved plan lists every change; one per member of a large organisation still fits.</summary>
    public const long MaxSavedPlanBytes = 64 * 1024 * 1024;
    /// <summary>No email address is longer (RFC 5321), so neither is a useful pattern for one.</summary>
    public const int MaxPatternLength = 254;
    /// <summary>Beyond this many problems, more only bury the first; the reader stops listing them.</summary>
    public const int MaxProblems = 100;
}
