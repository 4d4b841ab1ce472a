using System.Globalization;

namespace UserMgmt.Operations;

/// <summary>
/// What counts as a user's address here: the plain <c>local@domain</c> form that platforms put in an
/// invitation and people type in spreadsheets. Deliberately narrower than RFC 5321, which also allows
/// quoted local parts ("a b"@x.com) and IP literals (a@[10.0.0.1]) that no SaaS directory accepts:
/// - local part: 1-64 characters; letters (any script), digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>,
///   separated by single dots, never first or last;
/// - domain: a host name of at least two labels, each 1-63 letters, digits or inner hyphens, valid
///   under IDNA, with a top-level label that is not all digits; no IP literals;
/// - nothing invisible anywhere (control, format such as a zero-width space, or space characters),
///   and 254 characters at most in all.
/// </summary>
public static class EmailAddressRules
{
    private const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const string LocalSymbols = "!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(IsInvisible)) return false;
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1) return false;
        return IsValidLocalPart(text[..at]) && IsValidDomain(text[(at + 1)..]);
    }

    private static bool IsValidLocalPart(string local) =>
        local.Length <= MaxLocalLength
        && local.Split('.').All(atom => atom.Length > 0 && atom.All(c => char.IsLetterOrDigit(c) || LocalSymbols.Contains(c)));

    private static bool IsValidDomain(string domain)
    {
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = ascii.Split('.');
        return labels.Length >= 2
               && labels.All(l => l.Length is > 0 and <= 63 && !l.StartsWith('-') && !l.EndsWith('-'))
               && !labels[^1].All(char.IsAsciiDigit);
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
