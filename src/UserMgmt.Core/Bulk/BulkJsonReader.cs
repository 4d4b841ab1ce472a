using System.Text;
using System.Text.Json;

namespace UserMgmt.Bulk;

/// <summary>
/// Reads the platform's JSON format, an array of user objects (or a single object, as ConvertTo-Json
/// writes one user), one item at a time: only the item being read is held, so a file costs the memory
/// of its largest item, which is bounded, not of its length. Anything after the top-level value is refused.
/// </summary>
internal static class BulkJsonReader
{
    private enum Stage { Start, Items, End }

    public static void Read(BulkFileTextReader text, BulkFileReading reading)
    {
        var window = new Utf8Window(text);
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = BulkFileLimits.MaxJsonDepth });
        var stage = Stage.Start;
        while (true)
        {
            var reader = new Utf8JsonReader(window.Unread, window.Ended, state);
            long consumed;
            bool done;
            try
            {
                done = Advance(ref reader, ref stage, window, reading, out consumed, out state);
            }
            catch (JsonException e)
            {
                var (line, column) = window.PositionAt(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
                var message = e.Message.Split(" LineNumber:")[0];
                throw new BulkFileRefusedException(new BulkFileProblem(reading.File, $"Not valid JSON: {message}") { Line = line, Column = column });
            }
            if (done) break;
            window.Consume(consumed);
            if (!window.ReadMore())
            {
                var (line, column) = window.PositionAt(0);
                throw new BulkFileRefusedException(new BulkFileProblem(reading.File,
                    $"More than {BulkFileLimits.MaxJsonItemBytes / 1024} KiB without a complete user object, the most one may hold.") { Line = line, Column = column, Row = reading.RowsSeen + 1 });
            }
        }
        if (reading.RowsSeen == 0) reading.Add(new BulkFileProblem(reading.File, "The file holds no users: the array is empty."));
    }

    /// <summary>
    /// Reads what the window holds, one whole item at a time. Returns true at the end of the file;
    /// false when more must be read, with the state and bytes consumed up to the last whole item.
    /// </summary>
    private static bool Advance(ref Utf8JsonReader reader, ref Stage stage, Utf8Window window, BulkFileReading reading, out long consumed, out JsonReaderState state)
    {
        while (true)
        {
            consumed = reader.BytesConsumed;
            state = reader.CurrentState;
            if (!reader.Read())
            {
                if (!window.Ended) return false;
                if (stage == Stage.End) return true;
                var (line, column) = window.PositionAt(reader.BytesConsumed);
                throw new BulkFileRefusedException(new BulkFileProblem(reading.File, "The file ends before the JSON in it is complete.") { Line = line, Column = column });
            }
            switch (stage)
            {
                case Stage.Start when reader.TokenType == JsonTokenType.StartArray:
                    stage = Stage.Items;
                    break;
                case Stage.Start when reader.TokenType == JsonTokenType.StartObject:
                    if (!Item(ref reader, window, reading)) return false;
                    stage = Stage.End;
                    break;
                case Stage.Start:
                    var (line, column) = window.PositionAt(reader.TokenStartIndex);
                    throw new BulkFileRefusedException(new BulkFileProblem(reading.File,
                        $"The file must hold an array of users ([{{...}}, ...]) or one user ({{...}}), not {Kind(reader.TokenType)}.") { Line = line, Column = column });
                case Stage.Items when reader.TokenType == JsonTokenType.EndArray:
                    stage = Stage.End;
                    break;
                case Stage.Items:
                    if (!Item(ref reader, window, reading)) return false;
                    break;
            }
        }
    }

    /// <summary>Reads the item the reader is on, or returns false when it is not all in the window yet.</summary>
    private static bool Item(ref Utf8JsonReader reader, Utf8Window window, BulkFileReading reading)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var probe = reader;
            if (!probe.TrySkip()) return false;
        }
        var (line, column) = window.PositionAt(reader.TokenStartIndex);
        var row = reading.NextRow(line);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reading.Add(new BulkFileProblem(reading.File, $"The item is {Kind(reader.TokenType)}, not a user object ({{\"email\": ...}}).") { Line = line, Column = column, Row = row });
            reader.TrySkip();
            return true;
        }
        using var item = JsonDocument.ParseValue(ref reader);
        var builder = new BulkRowBuilder(reading, row, line, column);
        var count = 0;
        foreach (var _ in item.RootElement.EnumerateObject()) count++;
        var (names, values) = (new string[count], new object?[count]);
        var index = 0;
        foreach (var property in item.RootElement.EnumerateObject())
        {
            string? name = null;
            try
            {
                // Rows repeat the same names; sharing them keeps a large file's records small.
                name = reading.Share(property.Name);
                if (Array.IndexOf(names, name, 0, index) >= 0)
                {
                    builder.Problem(name, $"'{name}' appears twice in this row.");
                    continue;
                }
                (names[index], values[index]) = (name, BulkFileRecord.FromJson(property.Value));
                builder.Add(name, property.Value, values[index++]);
            }
            catch (InvalidOperationException)
            {
                // The JSON reader lets an escaped half of a UTF-16 character ("\ud800") through; making text of it fails.
                builder.Problem(name, $"The {(name is null ? "name" : "value")} is not valid text: it escapes half of a UTF-16 character.");
            }
        }
        builder.Finish(index == count ? new BulkFileRecord(names, values) : new BulkFileRecord(names[..index], values[..index]));
        return true;
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        _ => "null",
    };

    /// <summary>
    /// The decoded text as UTF-8, read on demand into a window that keeps what is not consumed yet and
    /// grows for an item that does not fit, up to the item limit. Lines and columns are counted as the
    /// bytes pass, the way the JSON reader counts lines (at LF), and in characters, as an editor shows.
    /// </summary>
    private sealed class Utf8Window(TextReader text)
    {
        private byte[] _buffer = new byte[16 * 1024];
        private readonly char[] _chars = new char[4 * 1024];
        private readonly Encoder _encoder = new UTF8Encoding(false, true).GetEncoder();
        private int _start, _end;
        private int _counted, _line = 1, _column = 1;
        private long _byteInLine;

        public bool Ended { get; private set; }

        public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

        public void Consume(long count) => _start += (int)count;

        /// <summary>Reads more text; false when the part not consumed is already as large as an item may be.</summary>
        public bool ReadMore()
        {
            if (_end - _start > BulkFileLimits.MaxJsonItemBytes) return false;
            CountTo(_start);
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            (_counted, _end, _start) = (_counted - _start, _end - _start, 0);
            const int Room = 4 * 3 + 4;
            if (_buffer.Length - _end < Room * 64) Array.Resize(ref _buffer, _buffer.Length * 2);
            // Three bytes at most per character, and four for a surrogate the encoder kept from last time.
            var count = text.Read(_chars, 0, Math.Min(_chars.Length, (_buffer.Length - _end - 4) / 3));
            _end += _encoder.GetBytes(_chars, 0, count, _buffer, _end, flush: count == 0);
            Ended = count == 0;
            return true;
        }

        /// <summary>The line and column of a byte, by its offset in <see cref="Unread"/>.</summary>
        public (int Line, int Column) PositionAt(long offset)
        {
            CountTo(_start + (int)offset);
            return (_line, _column);
        }

        /// <summary>The line and column of a JSON reader's position (both from 0, the column in bytes).</summary>
        public (int Line, int Column) PositionAt(long line, long byteInLine)
        {
            while (_counted < _end && (_line < line + 1 || (_line == line + 1 && _byteInLine < byteInLine))) Count(_buffer[_counted++]);
            return _line == line + 1 && _byteInLine == byteInLine ? (_line, _column) : ((int)line + 1, (int)byteInLine + 1);
        }

        private void CountTo(int offset)
        {
            while (_counted < offset) Count(_buffer[_counted++]);
        }

        private void Count(byte b)
        {
            if (b == '\n') (_line, _column, _byteInLine) = (_line + 1, 1, 0);
            else
            {
                _byteInLine++;
                if ((b & 0xC0) != 0x80) _column++;
            }
        }
    }
}
