using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Amparo.Importers.Text;

/// <summary>
/// Passes UTF-8 bytes through and stops cleanly at the line holding the first byte that is not valid UTF-8
/// (a Latin-1 file, say): everything before that line is delivered, then the stream ends and
/// <see cref="InvalidLine"/> says which line it was. A decoder would either silently put U+FFFD in the text
/// (altering evidence) or fail a whole 64 KB block at once, losing the lines before the bad one. A UTF-16 or
/// UTF-32 byte-order mark turns the check off (those decoders check for themselves).
/// </summary>
public sealed class Utf8ValidatingStream(Stream inner) : Stream
{
    private readonly byte[] _buf = new byte[1 << 16];
    private readonly char[] _scratch = new char[1 << 16];
    private int _start;
    private int _validEnd;
    private int _end;
    private bool _eof;
    private bool _first = true;
    private bool _checking = true;
    private bool _stopped;
    private long _lines = 1;

    /// <summary>The 1-based line holding the first invalid byte, once one was met.</summary>
    public long? InvalidLine { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_start >= _validEnd)
        {
            if (_stopped || !Fill())
            {
                return 0;
            }
        }

        int n = Math.Min(buffer.Length, _validEnd - _start);
        _buf.AsSpan(_start, n).CopyTo(buffer);
        _start += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    // Reads more and works out how much of it is valid. False when nothing more will come.
    private bool Fill()
    {
        if (_eof && _end == _validEnd)
        {
            return false;
        }

        // Keep an incomplete trailing sequence (at most 3 bytes) for the next round.
        int keep = _end - _validEnd;
        if (keep > 0)
        {
            Buffer.BlockCopy(_buf, _validEnd, _buf, 0, keep);
        }

        _start = 0;
        _validEnd = 0;
        _end = keep;
        if (!_eof)
        {
            int n = inner.Read(_buf, _end, _buf.Length - _end);
            if (n == 0)
            {
                _eof = true;
            }

            _end += n;
        }

        var data = _buf.AsSpan(0, _end);
        if (_first)
        {
            _first = false;
            _checking = !(data.StartsWith(new byte[] { 0xFF, 0xFE }) || data.StartsWith(new byte[] { 0xFE, 0xFF }));
        }

        if (!_checking)
        {
            _validEnd = _end;
            return _end > 0;
        }

        var status = Utf8.ToUtf16(data, _scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: _eof);
        if (status == OperationStatus.InvalidData)
        {
            // Deliver whole lines only: stop at the start of the line holding the bad byte.
            var before = data[..read];
            int lastNewline = before.LastIndexOf((byte)'\n');
            InvalidLine = _lines + before.Count((byte)'\n');
            _validEnd = lastNewline + 1;
            _stopped = true;
            return _validEnd > 0;
        }

        _validEnd = read;
        _lines += data[..read].Count((byte)'\n');
        return _validEnd > 0 || !_eof;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The diagnostic text for an invalid line.</summary>
    public static string Describe(int conversationsKept) =>
        "the file is not valid UTF-8 from this line on (saved as Latin-1 or another encoding?); "
        + conversationsKept switch
        {
            0 => "nothing before it could be imported",
            1 => "the 1 conversation before it is kept",
            _ => $"the {conversationsKept} conversations before it are kept",
        };
}
