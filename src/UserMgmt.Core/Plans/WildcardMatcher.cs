namespace UserMgmt.Plans;

/// <summary>
/// Matches text against a wildcard pattern, ignoring case: * stands for any run of characters, ? for one,
/// and everything else for itself.
/// </summary>
/// <remarks>
/// A regular expression made from the pattern backtracks: '*a*a*a*a*a*a*a*a*b' against one address took
/// 36 seconds, and each further star multiplies that. Here the pieces between stars are placed left to right, each at the first place it
/// fits after the one before, and never moved again; that is always right for stars, which take whatever lies
/// between. The work is at most the text's length times the pattern's, whatever the pattern.
/// </remarks>
internal sealed class WildcardMatcher
{
    private readonly string[] _pieces;

    public WildcardMatcher(string pattern) => _pieces = pattern.Split('*');

    public bool IsMatch(string text)
    {
        var (first, last) = (_pieces[0], _pieces[^1]);
        if (_pieces.Length == 1) return first.Length == text.Length && Fits(first, text, 0);
        if (first.Length + last.Length > text.Length || !Fits(first, text, 0) || !Fits(last, text, text.Length - last.Length)) return false;

        var from = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < _pieces.Length - 1; i++)
        {
            var piece = _pieces[i];
            var at = from;
            while (at + piece.Length <= end && !Fits(piece, text, at)) at++;
            if (at + piece.Length > end) return false;
            from = at + piece.Length;
        }
        return true;
    }

    private static bool Fits(string piece, string text, int at)
    {
        for (var i = 0; i < piece.Length; i++)
            if (piece[i] != '?' && char.ToUpperInvariant(piece[i]) != char.ToUpperInvariant(text[at + i])) return false;
        return true;
    }
}
