using System.Text;
using System.Text.Json;

namespace UserMgmt.Sandbox.Scim;

/// <summary>A parsed filter (RFC 7644 §3.4.2.2): comparisons and presence tests joined by and/or.</summary>
internal abstract record ScimFilterNode;

internal sealed record ScimComparison(string Attribute, string Operator, JsonElement Value) : ScimFilterNode;

internal sealed record ScimPresent(string Attribute) : ScimFilterNode;

internal sealed record ScimLogical(string Operator, ScimFilterNode Left, ScimFilterNode Right) : ScimFilterNode;

/// <summary>A filter the parser cannot take: answered as 400 invalidFilter.</summary>
internal sealed class ScimFilterException(string message) : Exception(message);

/// <summary>
/// Parses the part of the filter grammar the sandbox serves: attrPath op value, attrPath pr, and/or (and binding
/// tighter) and parentheses. Everything else the RFC defines (ne, ew, gt, ge, lt, le, not, value paths) is refused
/// by name, so a client learns what it sent rather than getting a wrong answer. The input, its nesting and its terms
/// are bounded, so no filter costs more than a small, fixed amount of work.
/// </summary>
internal sealed class ScimFilterParser
{
    public const int MaxLength = 4096;
    public const int MaxDepth = 32;
    public const int MaxTerms = 200;

    private static readonly HashSet<string> Supported = new(StringComparer.OrdinalIgnoreCase) { "eq", "co", "sw" };
    private static readonly HashSet<string> Unsupported = new(StringComparer.OrdinalIgnoreCase) { "ne", "ew", "gt", "ge", "lt", "le" };

    private readonly string _text;
    private int _at;
    private int _terms;

    private ScimFilterParser(string text) => _text = text;

    public static ScimFilterNode Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) throw new ScimFilterException("The filter is empty");
        if (filter.Length > MaxLength) throw new ScimFilterException($"The filter is longer than {MaxLength} characters");
        var parser = new ScimFilterParser(filter);
        var node = parser.Or(0);
        parser.SkipSpace();
        if (parser._at < filter.Length) throw new ScimFilterException($"Unexpected '{parser.Excerpt()}' at position {parser._at + 1}");
        return node;
    }

    private ScimFilterNode Or(int depth)
    {
        var left = And(depth);
        while (TryKeyword("or")) left = new ScimLogical("or", left, And(depth));
        return left;
    }

    private ScimFilterNode And(int depth)
    {
        var left = Term(depth);
        while (TryKeyword("and")) left = new ScimLogical("and", left, Term(depth));
        return left;
    }

    private ScimFilterNode Term(int depth)
    {
        if (++_terms > MaxTerms) throw new ScimFilterException($"The filter has more than {MaxTerms} terms");
        SkipSpace();
        if (_at >= _text.Length) throw new ScimFilterException("The filter ends where an expression was expected");
        if (_text[_at] == '(')
        {
            if (depth + 1 > MaxDepth) throw new ScimFilterException($"The filter nests parentheses deeper than {MaxDepth}");
            _at++;
            var inner = Or(depth + 1);
            SkipSpace();
            if (_at >= _text.Length || _text[_at] != ')') throw new ScimFilterException("Unbalanced parentheses: a ')' is missing");
            _at++;
            return inner;
        }
        if (_text[_at] == ')') throw new ScimFilterException($"Unbalanced parentheses: unexpected ')' at position {_at + 1}");
        var start = _at;
        var attribute = Word();
        if (attribute.Length == 0) throw new ScimFilterException($"Unexpected '{Excerpt()}' at position {_at + 1}: an attribute was expected");
        if (string.Equals(attribute, "not", StringComparison.OrdinalIgnoreCase))
            throw new ScimFilterException("'not' is not supported by this service");
        if (!IsAttributePath(attribute)) throw new ScimFilterException($"'{attribute}' at position {start + 1} is not an attribute path");
        if (_at < _text.Length && _text[_at] == '[') throw new ScimFilterException("Value paths ('[...]') are not supported in filters by this service");
        SkipSpace();
        var op = Word();
        if (op.Length == 0) throw new ScimFilterException($"An operator was expected after '{attribute}'");
        if (string.Equals(op, "pr", StringComparison.OrdinalIgnoreCase)) return new ScimPresent(attribute);
        if (Unsupported.Contains(op)) throw new ScimFilterException($"The operator '{op}' is not supported by this service");
        if (!Supported.Contains(op)) throw new ScimFilterException($"'{op}' is not a filter operator");
        SkipSpace();
        return new ScimComparison(attribute, op.ToLowerInvariant(), Value());
    }

    private JsonElement Value()
    {
        if (_at >= _text.Length) throw new ScimFilterException("The filter ends where a value was expected");
        if (_text[_at] == '"')
        {
            var start = _at++;
            while (_at < _text.Length && _text[_at] != '"') _at += _text[_at] == '\\' ? 2 : 1;
            if (_at >= _text.Length) throw new ScimFilterException($"Unbalanced quotes: the string at position {start + 1} is not closed");
            _at++;
            return Json(_text[start.._at]);
        }
        var word = Word();
        if (word.Length == 0) throw new ScimFilterException($"Unexpected '{Excerpt()}' at position {_at + 1}: a value was expected");
        if (word is "true" or "false" or "null" || (word.Length < 40 && double.TryParse(word, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
            return Json(word);
        throw new ScimFilterException($"'{word}' is not a value: strings are quoted, and true, false, null and numbers are not");
    }

    private static JsonElement Json(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ScimFilterException($"{(text.Length > 40 ? text[..40] + "..." : text)} is not a valid value");
        }
    }

    private string Word()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '.' or ':' or '_' or '-' or '$' or '+')) _at++;
        return _text[start.._at];
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        if (_at + keyword.Length > _text.Length || string.Compare(_text, _at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
            return false;
        var end = _at + keyword.Length;
        // Followed by a space or a parenthesis: "order" is not "or".
        if (end < _text.Length && _text[end] is not (' ' or '(')) return false;
        _at = end;
        return true;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && _text[_at] == ' ') _at++;
    }

    private string Excerpt() => _at >= _text.Length ? "" : _text.Substring(_at, Math.Min(20, _text.Length - _at));

    // ATTRNAME = ALPHA *(nameChar), subAttr and a schema URI prefix allowed.
    private static bool IsAttributePath(string word) => char.IsAsciiLetter(word[0]) && !word.EndsWith('.') && !word.EndsWith(':');

    /// <summary>The attribute as the service names it: the resource's own schema URI dropped, lower case for comparison.</summary>
    public static string Normalised(string attribute, string coreSchema)
    {
        var prefix = coreSchema + ":";
        return (attribute.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? attribute[prefix.Length..] : attribute).ToLowerInvariant();
    }
}
