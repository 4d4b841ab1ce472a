namespace UserMgmt.Plans;

/// <summary>Suggests the known word closest to a misspelt one.</summary>
internal static class DidYouMean
{
    public static string Suffix(string word, IEnumerable<string> known)
    {
        // Words further apart in length than the distance allowed are never suggested, so are not measured:
        // the distance costs both lengths multiplied, and a hostile key can be megabytes long.
        var allowed = Math.Max(2, word.Length / 3);
        var best = known.Where(k => Math.Abs(k.Length - word.Length) <= allowed)
            .Select(k => (Word: k, Distance: Distance(word.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).FirstOrDefault();
        return best.Word is not null && best.Distance <= allowed ? $" Did you mean '{best.Word}'?" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
