using System.Text;
using UserMgmt.Bulk;
using UserMgmt.Tests.Support;
using Xunit.Abstractions;

namespace UserMgmt.Tests.Hostile;

/// <summary>
/// Every hostile bulk file ends in problem records that name the file and where in it, within bounded
/// work and memory, and never in an exception. Good files in every accepted form read right.
/// </summary>
public sealed class HostileBulkFileTests(ITestOutputHelper output) : IDisposable
{
    // A safety net against a hang, not a measure: a case that needs it has failed.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> Cases() => HostileBulkFiles.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_file_ends_in_problems_naming_file_and_place(string name)
    {
        var hostile = HostileBulkFiles.All[name];
        var path = _files.PathOf(hostile.FileName);
        hostile.Write(path);

        var (read, allocated) = await Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = BulkFileReader.Read(path);
            return (result, GC.GetAllocatedBytesForCurrentThread() - before);
        }).WaitAsync(Hang);

        var first = read.Problems.FirstOrDefault();
        output.WriteLine($"{read.Problems.Count} problem(s), {allocated:N0} bytes allocated; first: {first}");
        Assert.NotNull(first);
        Assert.All(read.Problems, p => Assert.Equal(path, p.File));
        Assert.InRange(read.Problems.Count, 1, BulkFileLimits.MaxProblems + 1);
        var expected = hostile.First;
        Assert.Contains(expected.Says, first.Message);
        Assert.Equal(
            (expected.Line ?? first.Line, expected.Column ?? first.Column, expected.Row ?? first.Row, expected.Field ?? first.Field),
            (first.Line, first.Column, first.Row, first.Field));
        // Work is bounded by the limits, not by the file: the largest readable file costs some ten times its size.
        Assert.InRange(allocated, 0, 12 * BulkFileLimits.MaxFileBytes);
    }

    [Fact]
    public void Reading_stops_after_the_problem_limit_and_says_so()
    {
        var path = _files.Write("agents.csv", "Email,LastName\n" + string.Concat(Enumerable.Repeat("x\n", 1_000)));

        var read = BulkFileReader.Read(path);

        Assert.Equal(BulkFileLimits.MaxProblems + 1, read.Problems.Count);
        Assert.Contains($"stopped after {BulkFileLimits.MaxProblems} problems", read.Problems[^1].Message);
    }

    [Fact]
    public void A_stream_that_never_ends_is_read_only_up_to_the_size_limit()
    {
        using var endless = new EndlessRows();

        var read = BulkFileReader.Read("endless.csv", endless);

        var problem = Assert.Single(read.Problems);
        Assert.Contains("32 MiB", problem.Message);
        Assert.InRange(endless.Served, BulkFileLimits.MaxFileBytes, BulkFileLimits.MaxFileBytes + 1024 * 1024);
    }

    [Theory]
    [InlineData("/dev/zero", "NUL")]
    [InlineData("/dev/urandom", "")]
    public async Task A_device_that_claims_no_length_and_never_ends_is_refused_at_its_first_bad_byte(string device, string says)
    {
        if (!File.Exists(device)) return; // only where the system has the device

        var read = await Task.Run(() => BulkFileReader.Read(device)).WaitAsync(Hang);

        var problem = Assert.Single(read.Problems);
        Assert.NotNull(problem.Line);
        Assert.NotNull(problem.Column);
        Assert.Contains(says, problem.Message);
    }

    [Fact]
    public void A_file_another_program_holds_locked_is_a_problem_not_an_exception()
    {
        var path = _files.Write("agents.csv", "Email,LastName\na@company.com,A\n");
        using var locked = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var problem = Assert.Single(BulkFileReader.Read(path).Problems);

        Assert.StartsWith("The file could not be read", problem.Message);
    }

    [Theory]
    [InlineData("utf8.csv", new byte[0])]
    [InlineData("utf8-bom.csv", new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData("utf8.json", new byte[0])]
    [InlineData("utf8-bom.json", new byte[] { 0xEF, 0xBB, 0xBF })]
    public void UTF8_files_read_with_or_without_a_byte_order_mark(string name, byte[] byteOrderMark)
    {
        var text = name.EndsWith(".json")
            ? """[{"email": "ann@company.com", "last_name": "Müller", "teams": ["Zürich 😀"]}]"""
            : "Email,LastName,Teams\nann@company.com,Müller,Zürich 😀\n";

        var row = ReadSingle(name, [.. byteOrderMark, .. Encoding.UTF8.GetBytes(text)]);

        Assert.Equal(("ann@company.com", "Müller", "Zürich 😀"), (row.Email, row.LastName, row.Teams.Single()));
    }

    [Theory]
    [InlineData("utf16le.csv", false)]
    [InlineData("utf16be.csv", true)]
    [InlineData("utf16le.json", false)]
    [InlineData("utf16be.json", true)]
    public void UTF16_files_read_with_a_byte_order_mark(string name, bool bigEndian)
    {
        var text = name.EndsWith(".json")
            ? """[{"email": "ann@company.com", "last_name": "Müller", "teams": ["Zürich 😀"]}]"""
            : "Email,LastName,Teams\r\nann@company.com,Müller,Zürich 😀\r\n";
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);

        var row = ReadSingle(name, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

        Assert.Equal(("ann@company.com", "Müller", "Zürich 😀"), (row.Email, row.LastName, row.Teams.Single()));
    }

    [Fact]
    public void CSV_reads_LF_CRLF_and_CR_line_endings_mixed_and_skips_blank_rows()
    {
        var path = _files.Write("agents.csv", "Email,LastName\r\na@company.com,A\rb@company.com,B\n\n,\r\nc@company.com,C");

        var read = BulkFileReader.Read(path);

        Assert.Empty(read.Problems);
        Assert.Equal([("a@company.com", 1), ("b@company.com", 2), ("c@company.com", 3)], read.Rows.Select(r => (r.Email!, r.SourceRow)));
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("-2+3")]
    [InlineData("=HYPERLINK(\"http://example.com\",\"x\")")]
    public void Cells_that_look_like_formulas_are_read_as_the_text_they_are(string cell)
    {
        var quoted = "\"" + cell.Replace("\"", "\"\"") + "\"";

        var row = ReadSingle("agents.csv", Encoding.UTF8.GetBytes($"Email,LastName\na@company.com,{quoted}\n"));

        Assert.Equal(cell, row.LastName);
    }

    [Fact]
    public void CSV_with_semicolons_doubled_quotes_and_empty_trailing_cells_reads_as_meant()
    {
        var row = ReadSingle("agents.csv", Encoding.UTF8.GetBytes("Email;Last Name;Teams;;\na@company.com; \"O\"\"Brien\" ;\"A,B\";;\n"));

        Assert.Equal(("O\"Brien", "A,B"), (row.LastName, row.Teams.Single()));
    }

    [Fact]
    public void A_single_JSON_object_is_one_user_as_ConvertTo_Json_writes_one()
    {
        var row = ReadSingle("agent.json", Encoding.UTF8.GetBytes("""{"email": "a@company.com", "last_name": "A", "agent_number": 1234, "max_chat_limit_enabled": true}"""));

        Assert.Equal(("a@company.com", "1234", true), (row.Email, row.AgentNumber, row.MaxChatLimitEnabled));
    }

    private BulkUserRow ReadSingle(string name, byte[] bytes)
    {
        var read = BulkFileReader.Read(_files.Write(name, bytes));
        Assert.Empty(read.Problems);
        return Assert.Single(read.Rows);
    }

    /// <summary>Serves a header and then blank lines for as long as it is read, as a device or pipe might.</summary>
    private sealed class EndlessRows : Stream
    {
        private static readonly byte[] Header = "Email,LastName\n"u8.ToArray();

        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var target = buffer.AsSpan(offset, count);
            var header = Served < Header.Length ? Header.AsSpan((int)Served) : [];
            var n = Math.Min(count, header.Length);
            header[..n].CopyTo(target);
            target[n..].Fill((byte)'\n');
            Served += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
