using System.Buffers;
using System.Text.Unicode;

namespace UserMgmt.Bulk;

/// <summary>
/// Decodes a bulk file strictly: UTF-8 with or without a byte order mark, or UTF-16 with one. The first
/// byte that is not valid text stops reading with its line and column, rather than becoming U+FFFD, and
/// no other encoding is guessed: a Latin-1 file is refused, not misread. NUL stops reading too; it means
/// UTF-16 without a byte order mark, or no text at all. At most <see cref="BulkFileLimits.MaxFileBytes"/>
/// are read, whatever the file system says the length is (/dev/zero says 0).
/// </summary>
internal sealed class BulkFileTextReader : TextReader
{
    private const int BufferSize = 16 * 1024;
    private const string SaveAsUtf8 = "Save the file as UTF-8 (in Excel: \"CSV UTF-8\"); other encodings are not guessed.";

    private enum Encoding { Utf8, Utf16LittleEndian, Utf16BigEndian }

    private readonly Stream _stream;
    private readonly string _file;
    private readonly Encoding _encoding;
    private readonly int? _maxLineChars;
    private readonly byte[] _bytes = new byte[BufferSize];
    private int _pendingBytes;               // the start of a character whose other bytes are not read yet
    private readonly char[] _chars = new char[BufferSize];
    private int _charPosition, _charCount;
    private long _bytesRead;
    private bool _ended;

    // Where the next decoded character falls. CR, LF and CRLF each end a line, as CsvHelper reads them.
    private int _line = 1, _column = 1;
    private bool _afterCr;

    private BulkFileTextReader(Stream stream, string file, Encoding encoding, int byteOrderMark, int available, int? maxLineChars)
    {
        _stream = stream;
        _file = file;
        _encoding = encoding;
        _maxLineChars = maxLineChars;
        _bytesRead = available;
        _pendingBytes = available - byteOrderMark;
    }

    /// <summary>Reads the byte order mark, if any, and decodes the rest. <paramref name="maxLineChars"/> bounds a line's length.</summary>
    public static BulkFileTextReader Open(Stream stream, string file, int? maxLineChars = null)
    {
        var start = new byte[4];
        var available = 0;
        for (int read; available < start.Length && (read = stream.Read(start, available, start.Length - available)) > 0;) available += read;
        var head = start.AsSpan(0, available);
        if (head is [0xFF, 0xFE, 0, 0] or [0, 0, 0xFE, 0xFF])
            throw Refuse(file, 1, 1, $"The file is UTF-32, which is not read. {SaveAsUtf8}");
        var (encoding, byteOrderMark) = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.Utf8, 3),
            [0xFF, 0xFE, ..] => (Encoding.Utf16LittleEndian, 2),
            [0xFE, 0xFF, ..] => (Encoding.Utf16BigEndian, 2),
            _ => (Encoding.Utf8, 0),
        };
        var reader = new BulkFileTextReader(stream, file, encoding, byteOrderMark, available, maxLineChars);
        head[byteOrderMark..].CopyTo(reader._bytes);
        return reader;
    }

    public override int Peek() => _charPosition < _charCount || Fill() ? _chars[_charPosition] : -1;

    public override int Read() => _charPosition < _charCount || Fill() ? _chars[_charPosition++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_charPosition == _charCount && !Fill())) return 0;
        var count = Math.Min(buffer.Length, _charCount - _charPosition);
        _chars.AsSpan(_charPosition, count).CopyTo(buffer);
        _charPosition += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream.Dispose();
        base.Dispose(disposing);
    }

    private bool Fill()
    {
        _charPosition = _charCount = 0;
        while (_charCount == 0 && !_ended)
        {
            var read = _stream.Read(_bytes, _pendingBytes, _bytes.Length - _pendingBytes);
            _bytesRead += read;
            if (_bytesRead > BulkFileLimits.MaxFileBytes)
                throw new BulkFileRefusedException(new BulkFileProblem(_file, BulkFileLimits.FileTooLarge));
            _ended = read == 0;
            var available = _pendingBytes + read;
            var consumed = _encoding == Encoding.Utf8 ? DecodeUtf8(available) : DecodeUtf16(available);
            _bytes.AsSpan(consumed, available - consumed).CopyTo(_bytes);
            _pendingBytes = available - consumed;
        }
        return _charCount > 0;
    }

    private int DecodeUtf8(int available)
    {
        var status = Utf8.ToUtf16(_bytes.AsSpan(0, available), _chars, out var consumed, out var produced, replaceInvalidSequences: false, isFinalBlock: _ended);
        Track(produced);
        if (status == OperationStatus.InvalidData)
            throw Refuse(_file, _line, _column, $"Byte 0x{_bytes[consumed]:X2} is not valid UTF-8. {SaveAsUtf8}");
        _charCount = produced;
        return consumed;
    }

    private int DecodeUtf16(int available)
    {
        var bigEndian = _encoding == Encoding.Utf16BigEndian;
        var units = available / 2;
        for (var i = 0; i < units; i++)
        {
            var (high, low) = bigEndian ? (_bytes[2 * i], _bytes[2 * i + 1]) : (_bytes[2 * i + 1], _bytes[2 * i]);
            _chars[i] = (char)(high << 8 | low);
        }
        // A high surrogate at the end pairs with the first character of the next read.
        if (!_ended && units > 0 && char.IsHighSurrogate(_chars[units - 1])) units--;
        Track(units);
        if (_ended && available % 2 == 1)
            throw Refuse(_file, _line, _column, "The file ends in the middle of a UTF-16 character.");
        _charCount = units;
        return units * 2;
    }

    /// <summary>Moves the position over newly decoded characters, refusing NUL, unpaired surrogates and over-long lines.</summary>
    private void Track(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var c = _chars[i];
            if (c == '\0')
                throw Refuse(_file, _line, _column, $"The file holds a NUL character: it is UTF-16 without a byte order mark, or not text. {SaveAsUtf8}");
            if (char.IsHighSurrogate(c) ? i + 1 >= count || !char.IsLowSurrogate(_chars[i + 1]) : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(_chars[i - 1])))
                throw Refuse(_file, _line, _column, $"0x{(int)c:X4} is half of a UTF-16 character with no other half.");
            if (c == '\n' && _afterCr) { _afterCr = false; continue; }
            _afterCr = c == '\r';
            if (c is '\r' or '\n') { _line++; _column = 1; continue; }
            if (char.IsLowSurrogate(c)) continue;
            if (_column > _maxLineChars)
                throw Refuse(_file, _line, _column, FormattableString.Invariant($"The line is longer than {_maxLineChars:N0} characters, the most a row may hold."));
            _column++;
        }
    }

    private static BulkFileRefusedException Refuse(string file, int line, int column, string message) =>
        new(new BulkFileProblem(file, message) { Line = line, Column = column });
}

/// <summary>Stops reading a file at a problem after which nothing more in it can be trusted.</summary>
internal sealed class BulkFileRefusedException(BulkFileProblem problem) : Exception(problem.Message)
{
    public BulkFileProblem Problem { get; } = problem;
}
