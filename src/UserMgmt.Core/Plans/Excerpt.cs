namespace UserMgmt.Plans;

/// <summary>Text from a plan as a message quotes it: enough to recognise, never megabytes of it.</summary>
internal static class Excerpt
{
    public static string Of(string text, int length = 60) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
