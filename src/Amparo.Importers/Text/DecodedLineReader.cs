using System.Text;

namespace Amparo.Importers.Text;

/// <summary>
/// Decodes a stream in large chunks and hands out lines as spans over its own buffer, so a parser can work
/// without allocating per line. Memory stays bounded: a line longer than the cap is cut (reported through
/// <c>truncated</c>) and the rest of it skipped. Usage: call <see cref="TryReadLine"/> until it returns false,
/// then <see cref="FillAsync"/>; stop when that returns false.
/// </summary>
internal sealed class DecodedLineReader : IAsyncDisposable
{
    private const int ChunkBytes = 1 << 20;
    private readonly Stream _stream;
    private readonly Decoder _decoder;
    private readonly byte[] _bytes = new byte[ChunkBytes];
    private readonly int _maxLineLength;
    private char[] _chars = new char[ChunkBytes + 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _discarding;
    private int _bomToSkip;
    private bool _replacementInBuffer;

    public DecodedLineReader(Stream stream, TextEncodingKind encoding, int bomLength, int maxLineLength)
    {
        _stream = stream;
        _decoder = TextEncodingSniffer.ToEncoding(encoding).GetDecoder();
        _bomToSkip = bomLength;
        _maxLineLength = Math.Max(16, maxLineLength);
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Line of the first U+FFFD the decoder produced (bytes invalid for the encoding), if any.</summary>
    public long? FirstReplacementLine { get; private set; }

    /// <summary>Returns the next complete line from the buffer, or false when more input is needed (or at the end).</summary>
    public bool TryReadLine(out ReadOnlySpan<char> line, out bool truncated)
    {
        truncated = false;
        while (true)
        {
            var span = _chars.AsSpan(_start, _end - _start);
            int nl = span.IndexOfAny('\n', '\r');
            if (_discarding)
            {
                if (nl < 0)
                {
                    _start = _end;
                    line = default;
                    return false;
                }

                if (!ConsumeBreak(span, nl, out int skip))
                {
                    line = default;
                    return false;
                }

                _start += skip;
                _discarding = false;
                continue;
            }

            if (nl >= 0)
            {
                if (!ConsumeBreak(span, nl, out int skip))
                {
                    line = default;
                    return false;
                }

                line = span[..nl];
                _start += skip;
                LineNumber++;
                return Finish(ref line, ref truncated);
            }

            if (span.Length >= _maxLineLength)
            {
                line = span[.._maxLineLength];
                truncated = true;
                _start = _end;
                _discarding = true;
                LineNumber++;
                return Finish(ref line, ref truncated);
            }

            if (_eof && span.Length > 0)
            {
                line = span;
                _start = _end;
                LineNumber++;
                return Finish(ref line, ref truncated);
            }

            line = default;
            return false;
        }
    }

    private bool Finish(ref ReadOnlySpan<char> line, ref bool truncated)
    {
        if (line.Length > _maxLineLength)
        {
            line = line[.._maxLineLength];
            truncated = true;
        }

        if (_replacementInBuffer && FirstReplacementLine is null && line.Contains('\uFFFD'))
        {
            FirstReplacementLine = LineNumber;
            _replacementInBuffer = false;
        }

        return true;
    }

    // A \r at the very end of the buffer may be the first half of \r\n: wait for more input to know.
    private bool ConsumeBreak(ReadOnlySpan<char> span, int nl, out int skip)
    {
        skip = nl + 1;
        if (span[nl] == '\r')
        {
            if (nl + 1 < span.Length)
            {
                if (span[nl + 1] == '\n')
                {
                    skip++;
                }
            }
            else if (!_eof)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads and decodes the next chunk. False once the input is exhausted and every line handed out.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            _chars.AsSpan(_start, _end - _start).CopyTo(_chars);
            _end -= _start;
            _start = 0;
        }

        if (_chars.Length - _end < ChunkBytes / 2)
        {
            Array.Resize(ref _chars, _chars.Length + ChunkBytes);
        }

        int room = Math.Min(_bytes.Length, _chars.Length - _end - 8);
        int n = await _stream.ReadAsync(_bytes.AsMemory(0, room), cancellationToken).ConfigureAwait(false);
        BytesRead += n;
        int offset = 0;
        if (_bomToSkip > 0)
        {
            offset = Math.Min(_bomToSkip, n);
            _bomToSkip -= offset;
        }

        if (n == 0)
        {
            _eof = true;
            int tail = _decoder.GetChars([], _chars.AsSpan(_end), flush: true);
            _replacementInBuffer |= FirstReplacementLine is null && _chars.AsSpan(_end, tail).Contains('\uFFFD');
            _end += tail;
            return true;
        }

        int produced = _decoder.GetChars(_bytes.AsSpan(offset, n - offset), _chars.AsSpan(_end), flush: false);
        // Lines are only searched for U+FFFD once a chunk is known to hold one.
        _replacementInBuffer |= FirstReplacementLine is null && _chars.AsSpan(_end, produced).Contains('\uFFFD');
        _end += produced;
        return true;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
