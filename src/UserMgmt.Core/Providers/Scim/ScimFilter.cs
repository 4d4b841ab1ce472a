using System.Text;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// Filter expressions (RFC 7644 §3.4.2.2). Values are written as JSON strings, so a quote or backslash in what a
/// user typed stays inside the value and cannot change the expression around it.
/// </summary>
internal static class ScimFilter
{
    public static string Equal(string attribute, string value) => $"{attribute} eq {Quoted(value)}";

    public static string Contains(string attribute, string value) => $"{attribute} co {Quoted(value)}";

    public static string AnyOf(IEnumerable<string> expressions) => string.Join(" or ", expressions);

    public static string Quoted(string value)
    {
        var text = new StringBuilder("\"", value.Length + 2);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
