using Amparo.Core.Text;

namespace Amparo.Core.Tests.Text;

public class BoundedLineReaderTests
{
    private static async Task<List<(string Line, long Number, bool Truncated)>> ReadAllAsync(TextReader reader, int max = 1 << 20)
    {
        var lines = new BoundedLineReader(reader, max);
        var result = new List<(string, long, bool)>();
        while (await lines.ReadLineAsync() is { } line)
        {
            result.Add((line, lines.LineNumber, lines.LastLineTruncated));
        }

        return result;
    }

    [Fact]
    public async Task Splits_lf_crlf_and_cr_lines_and_keeps_empty_ones()
    {
        var lines = await ReadAllAsync(new StringReader("a\nb\r\nc\rd\n\ne"));

        lines.Select(l => l.Line).ShouldBe(["a", "b", "c", "d", "", "e"]);
        lines.Select(l => l.Number).ShouldBe([1L, 2L, 3L, 4L, 5L, 6L]);
    }

    [Fact]
    public async Task A_final_newline_does_not_add_an_empty_line()
    {
        (await ReadAllAsync(new StringReader("a\nb\n"))).Count.ShouldBe(2);
        (await ReadAllAsync(new StringReader(""))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public async Task A_crlf_split_across_reads_counts_once(int chunk)
    {
        // The \r ends one read and the \n starts the next.
        string first = new('x', (64 * 1024) - 1);
        var reader = new ChunkedReader(first + "\r\nnext\r\nlast", chunk);

        var lines = await ReadAllAsync(reader);

        lines.Select(l => l.Line).ShouldBe([first, "next", "last"]);
        lines.Select(l => l.Number).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public async Task A_crlf_exactly_at_the_internal_buffer_boundary_counts_once()
    {
        for (int shift = -2; shift <= 2; shift++)
        {
            string first = new('y', (64 * 1024) - 1 + shift);
            var lines = await ReadAllAsync(new StringReader(first + "\r\nz"));

            lines.Select(l => l.Line).ShouldBe([first, "z"], $"shift {shift}");
        }
    }

    [Fact]
    public async Task Cuts_overlong_lines_and_says_so_without_losing_the_next_line()
    {
        var lines = await ReadAllAsync(new StringReader(new string('a', 300_000) + "\nshort\n" + new string('b', 10)), max: 1000);

        lines.Count.ShouldBe(3);
        lines[0].Line.Length.ShouldBe(1000);
        lines[0].Truncated.ShouldBeTrue();
        lines[1].ShouldBe(("short", 2L, false));
        lines[2].ShouldBe((new string('b', 10), 3L, false));
    }

    [Fact]
    public async Task A_line_exactly_at_the_cap_is_not_marked_truncated()
    {
        var lines = await ReadAllAsync(new StringReader(new string('a', 1000) + "\n"), max: 1000);

        lines.ShouldHaveSingleItem().Truncated.ShouldBeFalse();
    }

    /// <summary>Returns at most <c>chunk</c> characters per read, to put line ends on read boundaries.</summary>
    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int _pos;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _pos);
            text.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
